/** The views webhooks carry are the API's own (the fan-out's `API_VIEWS`). */

export { API_VIEWS as apiViews } from '../../functions/webhook-fanout/fanout.ts';
