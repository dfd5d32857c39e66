package org.sharemint.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** equals/hashCode/toString helpers for message records that hold byte arrays. */
final class Fields {
    private static final HexFormat HEX = HexFormat.of();

    private Fields() {
    }

    static String hex(byte[] b) {
        return b == null ? "null" : HEX.formatHex(b);
    }

    static String hex(List<byte[]> list) {
        if (list == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(hex(list.get(i)));
        }
        return sb.append(']').toString();
    }

    static boolean equals(List<byte[]> a, List<byte[]> b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    static int hashCode(List<byte[]> list) {
        if (list == null) {
            return 0;
        }
        int h = 1;
        for (byte[] b : list) {
            h = 31 * h + Arrays.hashCode(b);
        }
        return h;
    }
}
