// The report layer's public surface: build the model once, render it in any format.
export * from './impact-report.js';
export * from './render-report.js';
export { formatCount, formatDuration, formatDurationRange } from './format-duration.js';
export { renderText, createTextStyle } from './renderers/render-text.js';
export { renderJson } from './renderers/render-json.js';
export { renderMarkdown, escapeMarkdown } from './renderers/render-markdown.js';
export { renderGithub, escapeGithubData, escapeGithubProperty } from './renderers/render-github.js';
export { renderSarif, artifactLocation } from './renderers/render-sarif.js';
export { summaryLine, describeLock } from './renderers/describe-report.js';
