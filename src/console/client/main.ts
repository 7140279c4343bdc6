/**
 * console.js: the operator console's script, bundled by the server at start-up (../build.ts).
 * No framework: the DOM is built with DOM APIs only (dom.ts), never from HTML strings.
 */
import { App } from './app.ts';

const root = document.getElementById('app');
if (root) void new App(root).start();
