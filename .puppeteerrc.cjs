/**
 * whatsapp-web.js depends on puppeteer. Never download a browser at install time (no network
 * beyond the package registries here); at run time the system Chromium is used
 * (PUPPETEER_EXECUTABLE_PATH, default /usr/bin/chromium).
 */
module.exports = { skipDownload: true };
