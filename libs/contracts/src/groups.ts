import { randomBytes } from 'node:crypto';

/**
 * The stems of the gateway's throwaway consumer groups, each `<gatewayGroup><stem><random>`
 * (kafkajs cannot assign partitions by hand, so every reader joins a group of its own): the
 * state reader at every start, and the audit tail and tree readers that recover a chain tip or
 * checkpoint tree from an audit partition. The provisioned ACLs grant exactly these prefixes.
 */
export const GATEWAY_READER_GROUP_STEMS = Object.freeze({
  state: '.state.',
  auditTail: '.audit-tail.',
  auditTree: '.audit-tree.',
} as const);

/** Which of the gateway's throwaway readers a group belongs to. */
export type GatewayReader = keyof typeof GATEWAY_READER_GROUP_STEMS;

/** A fresh group id for one run of `reader` of the gateway whose group is `gatewayGroup`. */
export function gatewayReaderGroup(gatewayGroup: string, reader: GatewayReader): string {
  return `${gatewayGroup}${GATEWAY_READER_GROUP_STEMS[reader]}${randomBytes(6).toString('hex')}`;
}
