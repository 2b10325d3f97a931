package dev.itsm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** RESULTS.md as it is built: sections of prose and Markdown tables. */
final class Report {

    private final StringBuilder md = new StringBuilder();

    Report heading(String text) {
        md.append("\n## ").append(text).append("\n\n");
        return this;
    }

    Report text(String text) {
        md.append(text).append("\n\n");
        return this;
    }

    Table table(String... headers) {
        return new Table(headers);
    }

    @Override
    public String toString() {
        return md.toString();
    }

    /** One Markdown table; {@link #end()} appends it to the report. */
    final class Table {
        private final String[] headers;
        private final List<String[]> rows = new ArrayList<>();

        Table(String[] headers) {
            this.headers = headers;
        }

        Table row(Object... cells) {
            String[] r = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                r[i] = cells[i] == null ? "–" : cells[i].toString();
            }
            rows.add(r);
            return this;
        }

        Report end() {
            md.append("| ").append(String.join(" | ", headers)).append(" |\n|");
            for (int i = 0; i < headers.length; i++) {
                md.append(i == 0 ? "---|" : "---:|");
            }
            md.append('\n');
            for (String[] r : rows) {
                md.append("| ").append(String.join(" | ", r)).append(" |\n");
            }
            md.append('\n');
            return Report.this;
        }
    }

    // ------------------------------------------------------------------ number formats used in every table

    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    static String rate(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String ratio(double a, double b) {
        if (b == 0 || Double.isNaN(a) || Double.isNaN(b)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", a / b);
    }

    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String mb(long kb) {
        return kb <= 0 ? "–" : String.format(Locale.ROOT, "%,d MB", Math.round(kb / 1024.0));
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
