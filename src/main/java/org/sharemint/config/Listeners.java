package org.sharemint.config;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before anything is made on disk, that every listener a command will open can bind,
 * so that a clash is one line naming the setting instead of a BindException after the mint
 * seed and ledger exist. Every address is held until all are checked, so two settings on one
 * port are caught too.
 */
public final class Listeners {
    private Listeners() {
    }

    /** @throws ConfigException {@code "mint.http.listen: 127.0.0.1:3338 is in use"} and the like */
    public static void checkFree(Config config, String... keys) throws ConfigException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String key : keys) {
                InetSocketAddress a = config.address(key);
                if (a.getPort() == 0) continue; // an ephemeral port is always free
                InetSocketAddress resolved = new InetSocketAddress(a.getHostString(), a.getPort());
                String where = config.string(key);
                if (resolved.isUnresolved()) throw new ConfigException(key + ": cannot resolve host \"" + a.getHostString() + "\"");
                ServerSocket s = new ServerSocket();
                held.add(s);
                try {
                    s.setReuseAddress(true); // as the real listeners: a port in TIME_WAIT is free
                    s.bind(resolved);
                } catch (BindException e) {
                    String m = String.valueOf(e.getMessage());
                    if (m.contains("in use")) throw new ConfigException(key + ": " + where + " is in use");
                    if (m.contains("assign")) throw new ConfigException(key + ": " + where + " is not an address of this machine");
                    throw new ConfigException(key + ": cannot listen on " + where + ": " + m);
                } catch (IOException e) {
                    throw new ConfigException(key + ": cannot listen on " + where + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new ConfigException("cannot check the listeners: " + e.getMessage());
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    // a socket that only bound: nothing to lose
                }
            }
        }
    }
}
