/**
 * The Kafka client's own names that the apps still handle: client handles passed around, the
 * record and header shapes of a fetched batch, and the ACL vocabulary of `onward access`. Apps
 * import them from `@app/runtime`, never from kafkajs (ESLint enforces it), so replacing the
 * client is work in this folder only: these names, and the adapters beside them (range reader,
 * follower, transactional writer, topic admin), which hold every call into the client.
 */
export {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ConfigResourceTypes,
  Kafka,
  KafkaJSError,
  logLevel,
  ResourcePatternTypes,
} from 'kafkajs';
export type {
  AclEntry,
  AclFilter,
  Admin,
  Batch,
  Consumer,
  EachBatchPayload,
  IHeaders,
  KafkaMessage,
  Message,
  Producer,
  SASLOptions,
} from 'kafkajs';
