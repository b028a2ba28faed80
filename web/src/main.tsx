/** The console's entry: reads its configuration, then renders the app. */

import { render } from 'preact';
import { App } from './app.tsx';
import { setApiBase } from './lib/api.ts';
import { loadConfig } from './lib/config.ts';
import { startTicking } from './lib/now.ts';
import './styles.css';

const root = document.getElementById('app') as HTMLElement;
loadConfig().then(
  (config) => {
    setApiBase(config.apiBase);
    startTicking();
    render(<App config={config} />, root);
  },
  (error: unknown) => {
    root.textContent = error instanceof Error ? error.message : String(error);
  },
);
