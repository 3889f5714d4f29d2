// The CLI is the composition root that hands the analyzer catalogue to the engine.
export { ANALYZERS } from '../../analyzers/index.js';
