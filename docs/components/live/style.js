// style: the live-cell chrome, injected by boot() so pages need no extra stylesheet.
export const css = `
.live-cell { position: relative; }
.live-cell [hidden], .live-pagebar [hidden], .live-cell[hidden] { display: none !important; }
.live-bar { display: flex; justify-content: flex-end; align-items: center; gap: 0.5rem; min-height: 1.6rem; margin: 0.25rem 0 0; font: 12px var(--sans-serif); color: var(--theme-foreground-muted); }
/* a cell's output sits right under its own bar, so the bar reads as that output's header */
.live-cell > .live-bar:not([hidden]) ~ .observablehq--block:not(:empty) { margin-top: 0.25rem; }
.live-status { margin-right: auto; font-variant-numeric: tabular-nums; }
.live-button { font: 12px var(--sans-serif); padding: 0.15rem 0.6rem; border: 1px solid var(--theme-foreground-faint); border-radius: 4px; background: var(--theme-background); color: var(--theme-foreground); cursor: pointer; }
.live-button:hover:not(:disabled) { border-color: var(--theme-foreground-focus); color: var(--theme-foreground-focus); }
.live-button:focus-visible { outline: 2px solid var(--theme-foreground-focus); outline-offset: 1px; }
.live-button:disabled { opacity: 0.5; cursor: default; }
.live-edit { opacity: 0.75; }
.live-cell:hover .live-edit, .live-edit:focus-visible, .live-edited .live-edit { opacity: 1; }
.live-edited > .live-bar .live-edit { border-color: var(--theme-foreground-focus); }
.live-stop { border-color: var(--theme-red); color: var(--theme-red); }
.live-run { background: var(--theme-foreground-focus); color: var(--theme-background); border-color: var(--theme-foreground-focus); }
.live-run:hover:not(:disabled) { color: var(--theme-background); filter: brightness(1.1); }
.live-panel { margin: 0.5rem 0; border: 1px solid var(--theme-foreground-faint); border-radius: 6px; overflow: hidden; background: var(--theme-background-alt); }
.live-editor .cm-editor { max-height: 28rem; font-size: 13px; background: var(--theme-background-alt); }
.live-editor .cm-scroller { font-family: var(--monospace); }
.live-editor .cm-editor.cm-focused { outline: none; }
.live-editor .cm-content { caret-color: var(--theme-foreground); }
.live-editor .cm-cursor { border-left-color: var(--theme-foreground); }
.live-editor .cm-gutters { background: var(--theme-background-alt); color: var(--theme-foreground-faint); border-right: 1px solid var(--theme-foreground-faintest); }
.live-editor .cm-activeLine, .live-editor .cm-activeLineGutter { background: color-mix(in srgb, var(--theme-foreground) 5%, transparent); }
.live-editor .cm-selectionBackground, .live-editor .cm-focused .cm-selectionBackground { background: color-mix(in srgb, var(--theme-foreground-focus) 28%, transparent) !important; }
.live-editor .cm-matchingBracket { background: color-mix(in srgb, var(--theme-foreground-focus) 25%, transparent); outline: 1px solid color-mix(in srgb, var(--theme-foreground-focus) 50%, transparent); }
.live-editor .cm-line.live-error-line { background: color-mix(in srgb, var(--theme-red) 20%, transparent) !important; box-shadow: inset 3px 0 var(--theme-red); }
.live-label { display: none; margin-right: auto; font: 12px var(--monospace); color: var(--theme-foreground-faint); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 70%; }
.live-cell:has(> .observablehq:empty):not(:has(> .live-panel:not([hidden]), > :is(pre, .observablehq-pre-container):not([hidden]))) .live-label { display: inline; }
/* Cells in a row: after a cell that shows nothing (its bar is a line with its label), the next
   cell's bar names its code too, so the bars read as a list, one line and one Edit per cell,
   instead of Edit buttons stacked under one label. A cell whose code is shown needs no label. */
.live-cell:has(> .live-bar:not([hidden])):has(> .observablehq:empty) + .live-cell:not(:has(> .live-panel:not([hidden]), > :is(pre, .observablehq-pre-container):not([hidden]))) > .live-bar .live-label { display: inline; }
.live-cell:has(> .observablehq:empty) .live-status:empty { display: none; }
.live-actions { display: flex; gap: 0.5rem; align-items: center; padding: 0.4rem 0.5rem; border-top: 1px solid var(--theme-foreground-faintest); }
.live-hint { font: 11px var(--sans-serif); color: var(--theme-foreground-muted); }
.live-message { font: 13px var(--sans-serif); padding: 0.4rem 0.6rem; white-space: pre-wrap; }
.live-message.live-error { color: var(--theme-foreground); background: color-mix(in srgb, var(--theme-red) 14%, var(--theme-background)); border-top: 1px solid color-mix(in srgb, var(--theme-red) 45%, transparent); border-left: 3px solid var(--theme-red); }
.live-message.live-note { color: var(--theme-foreground-muted); }
.live-message.live-shared { color: var(--theme-foreground); background: color-mix(in srgb, #f2c12e 18%, var(--theme-background)); }
.live-message .live-button { margin-left: 0.25rem; }
.live-pagebar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; margin: 0.25rem 0 1.25rem; padding: 0.35rem 0.6rem; font: 13px var(--sans-serif); border: 1px solid var(--theme-foreground-faintest); border-radius: 6px; color: var(--theme-foreground-muted); max-width: 640px; }
.live-pagebar-actions { display: flex; gap: 0.4rem; }
.live-pagebar-notice { flex-basis: 100%; padding: 0.4rem 0; }
.live-pagebar-notice.live-shared { color: var(--theme-foreground); background: color-mix(in srgb, #f2c12e 18%, var(--theme-background)); padding: 0.4rem; border-radius: 4px; }
.live-pagebar-notice.live-error { color: var(--theme-red); }
.live-share-url { width: 100%; margin-top: 0.3rem; font: 12px var(--monospace); }
@media print { .live-bar, .live-panel, .live-pagebar { display: none !important; } }
`;
