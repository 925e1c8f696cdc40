/**
 * Transparency of the audit log (DESIGN §7 "Checkpoints"): RFC 9162 Merkle trees over each
 * audit partition, inclusion and consistency proofs, C2SP signed notes, tlog-checkpoints and
 * tlog-cosignatures. Pure: no I/O beyond node:crypto.
 */
export * from './merkle-hash';
export * from './compact-tree';
export * from './inclusion-proof';
export * from './consistency-proof';
export * from './signature-types';
export * from './note-keys';
export * from './signed-note';
export * from './tlog-checkpoint';
export * from './tlog-cosignature';
export * from './checkpoint-note';
export * from './audit-leaf';
export * from './event-proof';
export * from './checkpoint-audit';
export * from './tree-nodes';
export * from './node-proofs';
export * from './tree-head-judgement';
