package org.sharemint.mint;

import java.util.ArrayList;
import java.util.List;
import org.sharemint.mint.LedgerRecords.SignatureRow;
import org.sharemint.mint.Requests.BlindedMessage;

/** Signing a request's outputs into the API's answers and the ledger's rows (mint and swap alike). */
final class Promises {
    private Promises() {}

    /** Signs every output with its keyset (NUT-00 + NUT-12); {@code origin} goes into the ledger rows. */
    static List<Promise> of(List<BlindedMessage> outputs, List<Keyset> keysets, String origin) {
        Bdhke.Signed[] signed = Bdhke.sign(outputs, keysets);
        List<Promise> out = new ArrayList<>(signed.length);
        for (int i = 0; i < signed.length; i++) {
            BlindedMessage o = outputs.get(i);
            out.add(new Promise(new SignatureRow(o.blindedHex(), o.amount(), keysets.get(i).id(), signed[i].c(), origin), signed[i].dleq()));
        }
        return out;
    }

    static List<SignatureRow> rows(List<Promise> promises) {
        return promises.stream().map(Promise::row).toList();
    }
}
