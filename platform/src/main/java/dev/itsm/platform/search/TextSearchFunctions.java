package dev.itsm.platform.search;

import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.type.StandardBasicTypes;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * PostgreSQL full-text search in HQL, which has no {@code @@} operator:
 * {@code text_matches(x.searchDocument, :q)} (and {@code no_order()} for a bounded count of matches), registered
 * in every service's persistence unit (incident-service and catalog-service search with them).
 * <p>
 * The query is parsed by {@code websearch_to_tsquery}, which never fails on user input (quotes,
 * {@code or}, {@code -word}; stray operators are ignored). The configuration is {@code simple}, not
 * {@code english}: no stemming and no stop words, so a word matches as typed whatever the language
 * of the text, numbers and technical tokens (service keys, host names, error codes) stay intact, and
 * "a", "the" or "it" are not silently dropped from a query; the cost is that a word matches only
 * whole ("fails" does not find "failing", "mail" not "email"). The documents must be built with the
 * same configuration (incident V5__incident_search.sql, catalog V2__catalog_read_path.sql).
 */
@PersistenceUnitExtension
@ApplicationScoped
public class TextSearchFunctions implements FunctionContributor {

    @Override
    public void contributeFunctions(FunctionContributions functions) {
        var types = functions.getTypeConfiguration().getBasicTypeRegistry();
        functions.getFunctionRegistry()
                .patternDescriptorBuilder("text_matches", "(?1 @@ websearch_to_tsquery('simple', ?2))")
                .setExactArgumentCount(2)
                .setInvariantType(types.resolve(StandardBasicTypes.BOOLEAN))
                .register();
        // "order by no_order()": HQL allows a LIMIT in a subquery only after an ORDER BY, and a bounded count of text
        // matches must not be ordered — PostgreSQL drops a constant sort key, so the GIN index's bitmap stops after
        // the limit instead of every match being read and sorted first (or the opened_at index walked)
        functions.getFunctionRegistry()
                .patternDescriptorBuilder("no_order", "cast(null as integer)")
                .setExactArgumentCount(0)
                .setInvariantType(types.resolve(StandardBasicTypes.INTEGER))
                .register();
    }
}
