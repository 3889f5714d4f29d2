// The analyzer catalogue: an explicit, ordered, frozen list. The CLI hands it to the engine.
import type { Analyzer } from '../src/analysis/analyzer.js';
import { lockingAnalyzers } from './index-locking.js';
import { generalAnalyzers } from './index-general.js';

export const ANALYZERS: readonly Analyzer[] = Object.freeze([...lockingAnalyzers, ...generalAnalyzers]);
