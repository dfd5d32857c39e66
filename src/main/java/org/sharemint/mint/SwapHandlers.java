package org.sharemint.mint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code POST /v1/swap} (NUT-03) and {@code POST /v1/checkstate} (NUT-07). */
final class SwapHandlers {
    private final SwapOperations swaps;
    private final MintMetrics metrics;

    SwapHandlers(SwapOperations swaps, MintMetrics metrics) {
        this.swaps = swaps;
        this.metrics = metrics;
    }

    List<Route> routes() {
        return List.of(
            Route.post("/v1/swap", (p, body) -> {
                var inputs = Requests.inputs(body);
                var outputs = Requests.outputs(body);
                var issued = swaps.swap(inputs, outputs);
                metrics.swapped(inputs.size(), issued.size());
                return Views.signatures(issued);
            }),
            Route.post("/v1/checkstate", (p, body) -> {
                JsonNode arr = Requests.array(body, "Ys", "request", Requests.MAX_YS, CashuException.BAD_REQUEST);
                List<String> ys = new ArrayList<>(arr.size());
                for (int i = 0; i < arr.size(); i++) {
                    JsonNode y = arr.get(i);
                    if (!y.isTextual()) throw Requests.bad("Ys[" + i + "]: expected a hex string");
                    String hex = y.textValue().toLowerCase(Locale.ROOT);
                    Requests.point(hex, "Ys[" + i + "]", CashuException.BAD_REQUEST);
                    ys.add(hex);
                }
                List<SwapOperations.ProofState> states = swaps.check(ys);
                ObjectNode out = Views.F.objectNode();
                ArrayNode a = out.putArray("states");
                for (int i = 0; i < ys.size(); i++) {
                    ObjectNode s = a.addObject();
                    s.put("Y", ys.get(i));
                    s.put("state", states.get(i).name());
                    s.putNull("witness");
                }
                return out;
            }));
    }
}
