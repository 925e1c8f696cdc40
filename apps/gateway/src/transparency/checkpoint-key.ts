import { readFileSync } from 'node:fs';
import { ED25519_NOTE_TYPE, parseSignerKey, type NoteSigner } from '@app/contracts';
import { ConfigurationError } from '@app/runtime';

/** Where the gateway's checkpoint signing key may come from. */
export interface CheckpointKeyEnv {
  GATEWAY_CHECKPOINT_KEY_FILE?: string;
  GATEWAY_CHECKPOINT_KEY?: string;
}

/**
 * The log key that signs checkpoints: a C2SP signed-note signer key
 * (`PRIVATE+KEY+<name>+<id>+<base64>`, Ed25519) from GATEWAY_CHECKPOINT_KEY_FILE, else
 * GATEWAY_CHECKPOINT_KEY; never from the policy file. Null when neither is set: checkpoints
 * are then off. A key that is set but unreadable or malformed stops the gateway.
 */
export function resolveCheckpointKey(env: CheckpointKeyEnv): NoteSigner | null {
  let text = env.GATEWAY_CHECKPOINT_KEY;
  if (env.GATEWAY_CHECKPOINT_KEY_FILE) {
    try {
      text = readFileSync(env.GATEWAY_CHECKPOINT_KEY_FILE, 'utf8').trim();
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new ConfigurationError(`cannot read GATEWAY_CHECKPOINT_KEY_FILE (${code})`, { cause });
    }
  }
  if (text === undefined || text === '') return null;
  let signer: NoteSigner;
  try {
    signer = parseSignerKey(text);
  } catch (cause) {
    // Never echo the key: name only what is wrong with it.
    throw new ConfigurationError('the checkpoint key is not a signed-note signer key', { cause });
  }
  if (signer.type !== ED25519_NOTE_TYPE) {
    throw new ConfigurationError('the checkpoint key must be an Ed25519 note key (type 0x01)');
  }
  return signer;
}
