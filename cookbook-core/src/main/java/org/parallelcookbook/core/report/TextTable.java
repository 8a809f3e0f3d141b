package org.parallelcookbook.core.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table (text left-aligned, numbers right-aligned), for terminal output and Markdown. */
public final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    public TextTable(String... header) {
        this(List.of(header));
    }

    public TextTable row(Object... cells) {
        return row(List.of(cells));
    }

    public TextTable row(List<?> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, header " + header.size());
        }
        rows.add(cells.stream().map(String::valueOf).toList());
        return this;
    }

    /**
     * Aligned columns separated by two spaces, header underlined: the first column (the row's key)
     * and text left-aligned, numbers (a figure with an optional unit, like {@code 12.3 ms},
     * {@code 1.93x}, {@code 1,024}) right-aligned; a
     * column that is empty in every row is left out; no trailing spaces.
     */
    public String render() {
        int[] width = widths();
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < width.length; i++) {
            final int col = i;
            if (rows.isEmpty() || rows.stream().anyMatch(r -> !r.get(col).isEmpty())) {
                shown.add(i);
            }
        }
        boolean[] numeric = new boolean[width.length];
        for (int i : shown) {
            final int col = i;
            numeric[i] = i > 0 && !rows.isEmpty() && rows.stream().map(r -> r.get(col)).filter(c -> !c.isEmpty()).allMatch(TextTable::isNumber);
        }
        StringBuilder out = new StringBuilder();
        line(header, width, shown, numeric, out);
        StringBuilder rule = new StringBuilder();
        for (int i : shown) {
            rule.append(rule.isEmpty() ? "" : "  ").append("-".repeat(width[i]));
        }
        out.append(rule).append('\n');
        rows.forEach(r -> line(r, width, shown, numeric, out));
        return out.toString();
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
            "[-+]?(\\d[\\d,_]*(\\.\\d+)?|\\.\\d+)([eE][-+]?\\d+)?\\s?(x|%|[a-zA-Z/]{1,8}(/s)?)?");

    static boolean isNumber(String cell) {
        return NUMBER.matcher(cell.strip()).matches() || cell.strip().equals("-");
    }

    /** A GitHub-flavoured Markdown table. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append("---|".repeat(header.size())).append('\n');
        for (List<String> r : rows) {
            out.append("| ").append(String.join(" | ", r.stream().map(c -> c.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private int[] widths() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        return width;
    }

    private static void line(List<String> cells, int[] width, List<Integer> shown, boolean[] numeric, StringBuilder out) {
        StringBuilder line = new StringBuilder();
        boolean first = true;
        for (int i : shown) {
            String c = cells.get(i);
            line.append(first ? "" : "  ");
            first = false;
            String pad = " ".repeat(width[i] - c.length());
            line.append(numeric[i] ? pad + c : c + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
