package org.sharemint.wire;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * equals/hashCode/toString, defined once, for message records that hold arrays (the record
 * defaults would compare byte[], int[] and List&lt;byte[]&gt; by identity). They walk the record's
 * components in declaration order, so they stay right when a field is added; reflection is fine
 * here because none of them is on the share path (encode/decode are).
 */
final class Fields {
    private static final HexFormat HEX = HexFormat.of();

    /** One record component: its name and an accessor typed (Record)Object. */
    private record Component(String name, MethodHandle accessor) {
        Object get(Record r) {
            try {
                return accessor.invokeExact(r);
            } catch (Throwable t) {
                throw new IllegalStateException("reading " + r.getClass().getSimpleName() + "." + name, t);
            }
        }
    }

    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] rcs = type.getRecordComponents();
            Component[] out = new Component[rcs.length];
            MethodType erased = MethodType.methodType(Object.class, Record.class);
            for (int i = 0; i < rcs.length; i++) {
                try {
                    MethodHandle mh = MethodHandles.publicLookup().unreflect(rcs[i].getAccessor());
                    out[i] = new Component(rcs[i].getName(), mh.asType(erased));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(type.getSimpleName() + " accessor not public", e);
                }
            }
            return out;
        }
    };

    private Fields() {
    }

    /** Same record class and every component equal, arrays by content. */
    static boolean equals(Record a, Object b) {
        if (a == b) {
            return true;
        }
        if (b == null || a.getClass() != b.getClass()) {
            return false;
        }
        for (Component c : COMPONENTS.get(a.getClass())) {
            if (!valueEquals(c.get(a), c.get((Record) b))) {
                return false;
            }
        }
        return true;
    }

    /** 31 * h + component hash, components in order, arrays by content. */
    static int hashCode(Record r) {
        int h = 0;
        for (Component c : COMPONENTS.get(r.getClass())) {
            h = 31 * h + valueHash(c.get(r));
        }
        return h;
    }

    /** Like the record default ({@code Name[a=1, b=2]}), with byte arrays in hex. */
    static String toString(Record r) {
        StringBuilder sb = new StringBuilder(r.getClass().getSimpleName()).append('[');
        Component[] cs = COMPONENTS.get(r.getClass());
        for (int i = 0; i < cs.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(cs[i].name()).append('=').append(valueString(cs[i].get(r)));
        }
        return sb.append(']').toString();
    }

    private static String hex(byte[] b) {
        return b == null ? "null" : HEX.formatHex(b);
    }

    // The only collection type in the messages is SEQ0_255[U256] -> List<byte[]>.
    @SuppressWarnings("unchecked")
    private static boolean valueEquals(Object a, Object b) {
        return switch (a) {
            case byte[] x -> b instanceof byte[] y && Arrays.equals(x, y);
            case int[] x -> b instanceof int[] y && Arrays.equals(x, y);
            case List<?> x -> b instanceof List<?> y && listEquals((List<byte[]>) x, (List<byte[]>) y);
            case null, default -> Objects.equals(a, b);
        };
    }

    @SuppressWarnings("unchecked")
    private static int valueHash(Object v) {
        return switch (v) {
            case byte[] x -> Arrays.hashCode(x);
            case int[] x -> Arrays.hashCode(x);
            case List<?> x -> listHash((List<byte[]>) x);
            case null, default -> Objects.hashCode(v);
        };
    }

    @SuppressWarnings("unchecked")
    private static String valueString(Object v) {
        return switch (v) {
            case byte[] x -> hex(x);
            case int[] x -> Arrays.toString(x);
            case List<?> x -> listHex((List<byte[]>) x);
            case null, default -> String.valueOf(v);
        };
    }

    private static String listHex(List<byte[]> list) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(hex(list.get(i)));
        }
        return sb.append(']').toString();
    }

    private static boolean listEquals(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static int listHash(List<byte[]> list) {
        int h = 1;
        for (byte[] b : list) {
            h = 31 * h + Arrays.hashCode(b);
        }
        return h;
    }
}
