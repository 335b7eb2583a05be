/**
 * Entry point. Renders the shell at once, then starts the simulated shop
 * (MSW worker + world), which loads lazily, as the URL describes it.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installConsoleHook } from '../app/console-hook';
import { applyTheme, loadTheme } from '../app/theme';
import { startUrlSync } from '../app/url-sync';
import { App } from './App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing <div id="root">');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Apply the saved theme before the first paint, so a dark choice never flashes light.
applyTheme(loadTheme(window.localStorage), document.documentElement, undefined);
installConsoleHook(window);
// Opens the view and configuration the address names (shared links), and keeps the address up to date.
startUrlSync(window);
