package org.sharemint.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A counter with two labels whose values are fixed when it is made (an HTTP endpoint and a
 * status), so counting is two map lookups and an add, and no client can grow the label set: a
 * value not declared up front counts as "other". Only the pairs counted at least once are shown.
 */
public final class CounterTable extends Family {
    static final String OTHER = "other";

    private final String rowLabel;
    private final String columnLabel;
    private final String[] rows;
    private final String[] columns;
    private final Map<String, Integer> rowIndex = new HashMap<>();
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private final LongAdder[] cells;

    CounterTable(String name, String help, String rowLabel, List<String> rows, String columnLabel, List<String> columns) {
        super(name, help, "counter");
        this.rowLabel = rowLabel;
        this.columnLabel = columnLabel;
        this.rows = withOther(rows, rowIndex);
        this.columns = withOther(columns, columnIndex);
        this.cells = new LongAdder[this.rows.length * this.columns.length];
        for (int i = 0; i < cells.length; i++) cells[i] = new LongAdder();
    }

    private static String[] withOther(List<String> values, Map<String, Integer> index) {
        for (String v : values) index.putIfAbsent(v, index.size());
        index.putIfAbsent(OTHER, index.size());
        String[] out = new String[index.size()];
        index.forEach((v, i) -> out[i] = v);
        return out;
    }

    public void inc(String row, String column) {
        cells[cell(row, column)].increment();
    }

    public long get(String row, String column) {
        return cells[cell(row, column)].sum();
    }

    private int cell(String row, String column) {
        Integer r = rowIndex.get(row);
        Integer c = columnIndex.get(column);
        return (r != null ? r : rowIndex.get(OTHER)) * columns.length + (c != null ? c : columnIndex.get(OTHER));
    }

    @Override
    void samples(StringBuilder out) {
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < columns.length; c++) {
                long n = cells[r * columns.length + c].sum();
                if (n == 0) continue;
                out.append(name()).append('{');
                Metric.label(out, rowLabel, rows[r]);
                out.append(',');
                Metric.label(out, columnLabel, columns[c]);
                out.append("} ").append(n).append('\n');
            }
        }
    }
}
