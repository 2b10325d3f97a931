package dev.itsm.catalog.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Names the fields an edit changes, for the {@code changedFields} of update events. Values are
 * compared as a replica would see them: numbers by value (a warranty target of 99.900 read back from
 * the database is the 99.9 a client sends), lists and maps member by member.
 */
public final class ChangedFields {

    private final List<String> names = new ArrayList<>();

    /** Notes {@code field} when {@code before} and {@code after} differ. */
    public ChangedFields compare(String field, Object before, Object after) {
        if (!same(before, after)) {
            names.add(field);
        }
        return this;
    }

    /** The changed fields, in the order they were compared. */
    public List<String> names() {
        return List.copyOf(names);
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof Number x && b instanceof Number y && !(a instanceof BigDecimal) && !(b instanceof BigDecimal)) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Iterator<?> i = x.iterator(), j = y.iterator(); i.hasNext();) {
                if (!same(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> same(x.get(k), y.get(k)));
        }
        return Objects.equals(a, b);
    }
}
