import { Inject, Injectable } from '@nestjs/common';
import type { EventProof } from '@app/contracts';
import { storedEventProof } from '../../witness/stored-tree';
import { WITNESS_CONTEXT, type WitnessContext } from '../../witness/witness-context';
import type { CosignedHead } from '../../witness/witness.repository';
import type { Disclosure, DisclosureReport } from './disclosures.service';

/** Most disclosures one report may carry receipts for: each is O(log n) stored reads. */
export const MAX_RECEIPTS = 1000;

/** A disclosure with its receipt (issue 13). */
export interface ReceiptedDisclosure extends Disclosure {
  /**
   * The event, its inclusion proof and the cosigned checkpoint (`onward proof verify`
   * checks it offline); null when no cosigned checkpoint covers the event yet or the
   * witness is off.
   */
  receipt: EventProof | null;
}

/** A disclosure report with a receipt per disclosure. */
export interface ReceiptedDisclosureReport extends Omit<DisclosureReport, 'disclosures'> {
  disclosures: ReceiptedDisclosure[];
}

/**
 * Attaches to each disclosure of a report its receipt against the latest checkpoint the
 * witness cosigned for its partition, so that a subject can check offline, with the log's
 * and the witness's public keys, that every disclosure listed is in the audit log.
 */
@Injectable()
export class ReceiptsService {
  constructor(@Inject(WITNESS_CONTEXT) private readonly witness: WitnessContext) {}

  async attach(report: DisclosureReport): Promise<ReceiptedDisclosureReport> {
    if (report.disclosures.length > MAX_RECEIPTS) {
      throw new RangeError(
        `receipts: at most ${MAX_RECEIPTS} disclosures per report (narrow from/to)`,
      );
    }
    const heads = new Map((await this.witness.repo.cosignedHeads()).map((h) => [h.partition, h]));
    const disclosures: ReceiptedDisclosure[] = [];
    for (const d of report.disclosures) {
      disclosures.push({ ...d, receipt: await this.receiptOf(d, heads.get(d.partition)) });
    }
    return { ...report, disclosures };
  }

  private async receiptOf(d: Disclosure, head?: CosignedHead): Promise<EventProof | null> {
    if (!head || head.size <= d.seq) return null;
    const leaf = await this.witness.repo.leafOfEvent(d.eventId);
    if (!leaf || leaf.partition !== d.partition || leaf.seq !== d.seq) return null;
    return storedEventProof(this.witness.repo, leaf, head);
  }
}
