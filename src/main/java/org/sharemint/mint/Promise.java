package org.sharemint.mint;

import org.sharemint.crypto.Dleq;
import org.sharemint.mint.LedgerRecords.SignatureRow;

/**
 * A blind signature as the API hands it out (NUT-00 BlindSignature with NUT-12's {@code dleq}):
 * the ledger's row and the DLEQ proof that the keyset's published key made it. The proof is not
 * stored: it is derived again (deterministically, the same bytes) when a restore asks.
 */
record Promise(SignatureRow row, Dleq.Proof dleq) {}
