package dev.itsm.catalog.support;

import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.type.StandardBasicTypes;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * PostgreSQL full-text search in HQL, which has no {@code @@} operator:
 * {@code text_matches(searchDocument, :q)} (the same function incident-service registers).
 * <p>
 * The query is parsed by {@code websearch_to_tsquery}, which never fails on user input (quotes,
 * {@code or}, {@code -word}; stray operators are ignored). The configuration is {@code simple}, not
 * {@code english}: no stemming and no stop words, so service keys, host names and error codes stay
 * intact and match as typed; the cost is that a word matches only whole ("mail" does not find
 * "email"). The documents are built with the same configuration (V2__catalog_read_path.sql).
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
    }
}
