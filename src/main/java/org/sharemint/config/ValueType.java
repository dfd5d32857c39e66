package org.sharemint.config;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;

/** The form a configuration value must have; {@link #check} names the expected form on failure. */
public sealed interface ValueType {

    /** Returns null when {@code value} is acceptable, else the expected form ("HOST:PORT"). */
    String check(String value);

    /** Null when {@code value} is acceptable, else what is wrong ("expected HOST:PORT"). */
    default String problem(String value) {
        String expected = check(value);
        return expected == null ? null : "expected " + expected;
    }

    record Text() implements ValueType {
        public String check(String value) { return null; }
    }

    record Bool() implements ValueType {
        public String check(String value) {
            return value.equals("true") || value.equals("false") ? null : "true or false";
        }
    }

    record Int(long min, long max) implements ValueType {
        public String check(String value) {
            try {
                long v = Long.parseLong(value.replace("_", ""));
                return v >= min && v <= max ? null : expected();
            } catch (NumberFormatException e) {
                return expected();
            }
        }
        private String expected() { return "an integer in [" + min + ", " + max + "]"; }
    }

    /** A finite decimal number in [min, max] (for example a difficulty below 1 for tests). */
    record Decimal(double min, double max) implements ValueType {
        public String check(String value) {
            try {
                double v = Double.parseDouble(value.replace("_", ""));
                return Double.isFinite(v) && v >= min && v <= max ? null : expected();
            } catch (NumberFormatException e) {
                return expected();
            }
        }
        private String expected() { return "a number in [" + min + ", " + max + "]"; }
    }

    record Choice(List<String> values) implements ValueType {
        public String check(String value) {
            return values.contains(value) ? null : "one of " + String.join(", ", values);
        }
    }

    record HostPort() implements ValueType {
        public String check(String value) {
            return parse(value) != null ? null : "HOST:PORT";
        }

        @Override
        public String problem(String value) {
            if (parse(value) != null) return null;
            int colon = value.lastIndexOf(':');
            String port = colon < 0 ? "" : value.substring(colon + 1);
            if (colon > 0 && !port.isEmpty() && port.length() < 10 && port.chars().allMatch(Character::isDigit)) {
                return "port out of range (0 to 65535)";
            }
            return "expected HOST:PORT";
        }

        /** HOST:PORT or [IPv6]:PORT with a port in 0..65535; null when malformed. */
        static InetSocketAddress parse(String value) {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || colon == value.length() - 1) return null;
            String host = value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            if (host.isEmpty() || host.contains(" ")) return null;
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                if (port < 0 || port > 65535) return null;
                return InetSocketAddress.createUnresolved(host, port);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** One or more HOST:PORT separated by commas (the pool's mint.link.address: failover in order). */
    record HostPorts() implements ValueType {
        public String check(String value) {
            for (String part : value.split(",", -1)) {
                if (HostPort.parse(part.strip()) == null) return "HOST:PORT[,HOST:PORT...]";
            }
            return null;
        }
    }

    /** Empty (off), or HOST:PORT: an optional listener such as pool.sv1.listen. */
    record HostPortOrEmpty() implements ValueType {
        public String check(String value) {
            return value.isEmpty() || HostPort.parse(value) != null ? null : "empty or HOST:PORT";
        }
    }

    /** Empty, or a 33-byte compressed secp256k1 public key as 66 hex digits. */
    record PubkeyOrEmpty() implements ValueType {
        public String check(String value) {
            if (value.isEmpty()) return null;
            boolean ok = value.length() == 66 && (value.startsWith("02") || value.startsWith("03"));
            try {
                HexFormat.of().parseHex(value);
            } catch (IllegalArgumentException e) {
                ok = false;
            }
            return ok ? null : "empty or a 66-hex-digit compressed public key";
        }
    }
}
