/** Subject notices to past recipients and their acknowledgements (DESIGN §7). */
export * from './notice-vocabulary';
export * from './notice-schemas';
export * from './notice-validators';
export * from './notice-id';
