package org.sharemint.mint;

import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.sharemint.crypto.Secp256k1;

/** {@code GET /v1/info} (NUT-06), {@code /v1/keys}, {@code /v1/keys/{id}} (NUT-01) and {@code /v1/keysets} (NUT-02). */
final class KeysHandlers {
    private final MintKeys keys;
    private final String name;
    private final String version;
    private final Clock clock;

    KeysHandlers(MintKeys keys, String name, String version, Clock clock) {
        this.keys = keys;
        this.name = name;
        this.version = version;
        this.clock = clock;
    }

    List<Route> routes() {
        return List.of(
            Route.get("/v1/info", (p, b) -> Views.info(name, HexFormat.of().formatHex(Secp256k1.compressed(keys.identity())), version,
                clock.millis() / 1000)),
            Route.get("/v1/keys", (p, b) -> Views.keysets(keys.activeKeysets(), true)),
            Route.get("/v1/keys/{}", (p, b) -> {
                Keyset k = keys.byId(p.get(0).toLowerCase(Locale.ROOT));
                if (k == null) throw new CashuException(CashuException.KEYSET_UNKNOWN, "keyset not known: " + abbreviate(p.get(0)));
                return Views.keysets(List.of(k), true);
            }),
            Route.get("/v1/keysets", (p, b) -> Views.keysets(keys.all(), false)));
    }

    /** Echo at most 80 characters of a path segment back. */
    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
