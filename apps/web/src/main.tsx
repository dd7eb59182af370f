import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './shared/i18n/index';
import './app/styles.css';
import { App } from './app/App';
import { takeOver } from './shared/ssr';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

// A page rendered by the server shows until the app's page has drawn; should that never happen (a
// chunk that failed to load), the app shows anyway after a while.
setTimeout(takeOver, 10_000);
