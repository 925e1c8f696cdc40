/**
 * @app/verify: offline verification of the audit log, shared by the auditor and the CLI.
 * Reads the whole audit topic (read_committed), checks every partition's hash chain and,
 * with verifier keys, the signed checkpoints; prints one line per partition and a verdict.
 */
export { readWholeTopic, type TopicReadResult } from './audit-topic-reader';
export {
  checkpointLine,
  parseKeyList,
  PartitionLeaves,
  verifyCheckpoints,
  type CheckpointSummary,
} from './verify-checkpoints';
export { runVerify, type VerifyOptions } from './verify-command';
export { partitionLine, verdict, type PartitionSummary } from './verify-summary';
