/** Signature type bytes of c2sp.org/signed-note that Onward uses. */

/** Plain Ed25519 note signatures: the log's checkpoint signature. */
export const ED25519_NOTE_TYPE = 0x01;
/** Timestamped Ed25519 witness cosignatures (c2sp.org/tlog-cosignature). */
export const ED25519_COSIGNATURE_TYPE = 0x04;
