import type { ConsoleAssets } from './build.ts';

/**
 * The console's one HTML page: an empty shell the script fills in (it picks the language from
 * the browser or the operator's choice, so the page is in Spanish until then). No inline script
 * or style, so the page's CSP allows only files from this server.
 */
export function consolePage(assets: ConsoleAssets): string {
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>Faro · Consola</title>
<link rel="stylesheet" href="/console/${assets.style.name}">
<script src="/console/${assets.script.name}" defer></script>
</head>
<body>
<div id="app" class="app"><noscript><p class="page-note">La consola necesita JavaScript. / The console needs JavaScript.</p></noscript></div>
</body>
</html>
`;
}
