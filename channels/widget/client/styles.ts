/**
 * The widget's CSS, inside its shadow root: the agency page's styles cannot reach in, and ours
 * cannot leak out. System fonts only (no web font download on a prepaid data plan). Colours
 * meet WCAG AA (4.5:1 for text, 3:1 for focus rings and borders); the axe scan in the browser
 * tests checks them. At 480 px and below the open chat takes the whole screen.
 */
export const CSS = `
:host { all: initial; }
.faro { font: 16px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1f23; }
.faro *, .faro *::before, .faro *::after { box-sizing: border-box; }
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button, textarea { font: inherit; color: inherit; }
button { cursor: pointer; min-height: 44px; border-radius: 8px; }
:focus-visible { outline: 3px solid #1b1f23; outline-offset: 2px; }
.launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; display: flex; align-items: center; gap: 8px;
  padding: 10px 18px; border: 2px solid #fff; border-radius: 28px; background: #0b4f8a; color: #fff; font-weight: 600;
  box-shadow: 0 2px 10px rgba(0,0,0,.3); }
.launcher svg { width: 22px; height: 22px; fill: currentColor; }
.panel { position: fixed; right: 16px; bottom: 16px; z-index: 2147483001; display: flex; flex-direction: column;
  width: 380px; max-width: calc(100vw - 32px); height: 600px; max-height: calc(100vh - 32px);
  background: #fff; border: 1px solid #6b7580; border-radius: 12px; box-shadow: 0 6px 28px rgba(0,0,0,.3); overflow: hidden; }
[hidden] { display: none !important; }
header { display: flex; align-items: center; gap: 6px; padding: 8px; background: #0b4f8a; color: #fff; }
header :focus-visible { outline-color: #fff; }
h2 { flex: 1; min-width: 0; margin: 0 0 0 4px; font-size: 17px; line-height: 1.2; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
header button { border: 1px solid #fff; background: transparent; color: #fff; padding: 4px 10px; }
header .exit { background: #a4161a; border-color: #fff; font-weight: 700; }
header .close { width: 44px; padding: 0; font-size: 24px; line-height: 1; }
.status { margin: 0; padding: 6px 12px; background: #fff4ce; color: #3d3000; font-size: 14px; display: flex; gap: 8px; align-items: center; }
.status:empty { display: none; }
.status button { min-height: 32px; padding: 2px 10px; border: 1px solid #3d3000; background: #fff; }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; overscroll-behavior: contain; }
.msg { max-width: 85%; padding: 8px 12px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg.bot { align-self: flex-start; background: #eef1f4; border-bottom-left-radius: 4px; }
.msg.user { align-self: flex-end; background: #0b4f8a; color: #fff; border-bottom-right-radius: 4px; }
.msg.user a { color: #fff; }
.msg.staff { background: #e2f2e6; border-left: 4px solid #1d6b37; }
.who { display: block; font-size: 13px; font-weight: 700; color: #14532d; }
.ref { white-space: nowrap; }
.msg a { color: #0b4f8a; }
.msg.failed { background: #fff; color: #8a1014; border: 2px solid #a4161a; }
.msg .note { display: block; font-size: 13px; }
.msg .note button { min-height: 32px; margin-top: 4px; padding: 2px 10px; border: 1px solid #a4161a; background: #fff; color: #8a1014; }
.choices { display: flex; flex-wrap: wrap; gap: 6px; padding: 8px 12px; max-height: 35%; overflow-y: auto; border-top: 1px solid #d0d5da; }
.choices:empty { display: none; }
.choices button { min-height: 36px; padding: 4px 10px; border: 2px solid #0b4f8a; border-radius: 18px; background: #fff; color: #0b4f8a; text-align: left; }
.choices button:hover, .keep button:hover { background: #e6eef6; }
.scale { display: grid; grid-template-columns: repeat(5, 1fr); gap: 2px 6px; width: 100%; }
.choices .scale button { border-radius: 8px; text-align: center; font-weight: 700; }
.scale > span { grid-column: 1 / 3; font-size: 13px; }
.scale > .hi { grid-column: 4 / 6; text-align: right; }
.keep { display: flex; flex-wrap: wrap; gap: 6px; padding: 6px 8px; border-top: 1px solid #d0d5da; }
.keep button { min-height: 36px; padding: 2px 8px; border: 1px solid #6b7580; border-radius: 18px; background: #f6f8fa; font-size: 14px; white-space: nowrap; }
.keep .human { border: 2px solid #0b4f8a; color: #0b4f8a; font-weight: 600; }
form { display: flex; gap: 6px; padding: 8px; border-top: 1px solid #6b7580; }
textarea { flex: 1; min-width: 0; min-height: 44px; max-height: 120px; resize: none; padding: 10px; border: 1px solid #6b7580; border-radius: 8px; background: #fff; }
form button { padding: 0 14px; border: 0; background: #0b4f8a; color: #fff; font-weight: 600; }
@media (max-width: 480px) {
  .panel { inset: 0; width: 100%; max-width: none; height: 100%; max-height: none; border: 0; border-radius: 0; }
}
@media (forced-colors: active) { .msg, .launcher, .choices button { border: 1px solid CanvasText; } .msg.staff { border-left-width: 4px; } }
`;
