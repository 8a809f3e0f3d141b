package org.parallelcookbook.core.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with right-aligned columns, for terminal output and Markdown. */
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

    /** Aligned columns separated by two spaces, header underlined. */
    public String render() {
        int[] width = widths();
        StringBuilder out = new StringBuilder();
        line(header, width, out);
        for (int i = 0; i < width.length; i++) {
            out.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        out.append('\n');
        rows.forEach(r -> line(r, width, out));
        return out.toString();
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

    private static void line(List<String> cells, int[] width, StringBuilder out) {
        for (int i = 0; i < width.length; i++) {
            String c = cells.get(i);
            out.append(i == 0 ? "" : "  ");
            out.append(i == 0 ? c + " ".repeat(width[i] - c.length()) : " ".repeat(width[i] - c.length()) + c);
        }
        out.append('\n');
    }
}
