import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../functions/api/routes.ts';
import { CONSOLE_ROUTES, NAVIGATION } from '../../web/src/routes.ts';

describe('the console routes', () => {
  it('never collide with an API path, which the local stack also serves at the root', () => {
    for (const route of CONSOLE_ROUTES) {
      const concrete = route.replace(/:\w+/g, '10001');
      expect(matchRoute('GET', concrete), route).toBeUndefined();
    }
  });

  it('every navigation link is a console route', () => {
    for (const items of Object.values(NAVIGATION)) for (const { href } of items) expect(CONSOLE_ROUTES).toContain(href);
  });
});
