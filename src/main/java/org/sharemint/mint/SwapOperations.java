package org.sharemint.mint;

import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.mint.LedgerRecords.SignatureRow;
import org.sharemint.mint.LedgerRecords.SpentRow;
import org.sharemint.mint.Requests.BlindedMessage;
import org.sharemint.mint.Requests.Proof;

/**
 * Spending ecash: swap (NUT-03) and state checks (NUT-07). Inputs are verified and outputs signed
 * before the ledger is touched; the ledger marks every input's Y spent and stores the new
 * signatures in one transaction, so two swaps of one proof cannot both succeed.
 */
final class SwapOperations {
    /** Proof states (NUT-07). This mint has no melts, so nothing is ever PENDING. */
    enum ProofState { UNSPENT, PENDING, SPENT }

    private final Ledger ledger;
    private final SwapLedger swapLedger;
    private final MintKeys keys;
    private final Clock clock;

    SwapOperations(Ledger ledger, MintKeys keys, Clock clock) {
        this.ledger = ledger;
        this.swapLedger = new SwapLedger(ledger);
        this.keys = keys;
        this.clock = clock;
    }

    List<Promise> swap(List<Proof> inputs, List<BlindedMessage> outputs) throws CashuException, SQLException {
        // inputs: keysets known (inactive ones may still be spent), one unit, no duplicates
        List<Keyset> inputKeysets = new ArrayList<>(inputs.size());
        List<ECPoint> ys = new ArrayList<>(inputs.size());
        List<String> yHex = new ArrayList<>(inputs.size());
        Set<String> secrets = new HashSet<>();
        String unit = null;
        BigInteger in = BigInteger.ZERO;
        long feePpk = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Proof p = inputs.get(i);
            if (!secrets.add(p.secret())) throw new CashuException(CashuException.DUPLICATE_INPUTS, "duplicate inputs");
            Keyset k = keys.byId(p.keysetId());
            if (k == null) throw new CashuException(CashuException.KEYSET_UNKNOWN, "inputs[" + i + "]: keyset " + p.keysetId() + " is not known");
            if (unit == null) unit = k.unit();
            else if (!unit.equals(k.unit())) throw new CashuException(CashuException.MULTIPLE_UNITS, "inputs of more than one unit");
            inputKeysets.add(k);
            ECPoint y = Bdhke.y(p.secret());
            ys.add(y);
            yHex.add(HexFormat.of().formatHex(y.getEncoded(true)));
            in = in.add(BigInteger.ONE.shiftLeft(p.exponent()));
            feePpk += k.inputFeePpk();
        }
        if (new HashSet<>(yHex).size() != yHex.size()) throw new CashuException(CashuException.DUPLICATE_INPUTS, "duplicate inputs");
        List<Keyset> outputKeysets = Outputs.check(outputs, keys, unit);
        BigInteger fee = BigInteger.valueOf((feePpk + 999) / 1000);
        BigInteger out = Outputs.sum(outputs);
        if (!in.subtract(fee).equals(out)) {
            throw new CashuException(CashuException.NOT_BALANCED, "inputs " + in + " - fee " + fee + " != outputs " + out);
        }
        // cheap ledger look-ups first, then the curve work; the write re-checks under unique keys
        SwapLedger.Used used = swapLedger.used(yHex, outputs.stream().map(BlindedMessage::blindedHex).toList());
        if (used.inputsSpent()) throw new CashuException(CashuException.PROOFS_ALREADY_SPENT, "proofs already spent");
        if (used.outputsSigned()) throw new CashuException(CashuException.OUTPUTS_ALREADY_SIGNED, "outputs already signed");
        for (int i = 0; i < inputs.size(); i++) {
            Proof p = inputs.get(i);
            if (!Bdhke.verify(inputKeysets.get(i), p.exponent(), ys.get(i), p.c())) {
                throw new CashuException(CashuException.PROOF_VERIFICATION_FAILED, "inputs[" + i + "]: proof verification failed");
            }
        }
        List<Promise> promises = Promises.of(outputs, outputKeysets, "swap");
        List<SignatureRow> rows = Promises.rows(promises);
        List<SpentRow> spent = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            spent.add(new SpentRow(yHex.get(i), 1L << inputs.get(i).exponent(), inputKeysets.get(i).id()));
        }
        try {
            swapLedger.swap(spent, rows, clock.millis());
        } catch (LedgerConflict conflict) {
            throw CashuException.of(conflict);
        }
        return promises;
    }

    /** The state of each Y (compressed hex, already checked), in order. */
    List<ProofState> check(List<String> ys) throws SQLException {
        Set<String> spent = ledger.spentAmong(ys);
        List<ProofState> out = new ArrayList<>(ys.size());
        for (String y : ys) out.add(spent.contains(y) ? ProofState.SPENT : ProofState.UNSPENT);
        return out;
    }
}
