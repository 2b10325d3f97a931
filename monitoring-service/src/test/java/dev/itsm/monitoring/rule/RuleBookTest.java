package dev.itsm.monitoring.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.itsm.monitoring.intake.AlertSource;
import dev.itsm.monitoring.intake.AlertStatus;
import dev.itsm.monitoring.intake.NormalizedAlert;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Classification by the rules, without a database: the RuleBook as loaded, each rule compiled as saved. */
class RuleBookTest {

    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    static NormalizedAlert alert(String fingerprint, String... labels) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return new NormalizedAlert(AlertSource.ALERTMANAGER, "am", AlertStatus.FIRING, fingerprint,
                map.get("alertname"), map.get("severity"), null, null, map, Map.of(), T, null, null, T);
    }

    static AlertRuleRequest request(String name, int position, List<RuleMatcher> matchers) {
        return new AlertRuleRequest(name, null, position, null, matchers, null, null, null, null, null, null, null, null);
    }

    static CompiledRule compile(AlertRuleRequest r) {
        return new CompiledRule(UUID.randomUUID(), 1, RuleDefinition.of(r));
    }

    static RuleBook book(CompiledRule... rules) {
        RuleBook book = new RuleBook();
        book.load(1, List.of(rules));
        return book;
    }

    static RuleMatcher m(String label, MatcherOp op, String value) {
        return new RuleMatcher(label, op, value);
    }

    @Test
    void theDefaultRuleTakesTheCiFromCiElseInstanceWithoutItsPort() {
        RuleBook book = book();
        Classification c = book.classify(alert("fp1", "alertname", "Down", "instance", "web-01:9100", "severity", "critical"));
        assertNull(c.ruleId());
        assertNull(c.ruleVersion());
        assertEquals("default", c.ruleName());
        assertEquals(new CiRef(null, "web-01"), c.ci());
        assertEquals("fp1", c.dedupKey());
        assertEquals("critical", c.severity());
        assertEquals("HIGH", c.impact());
        assertEquals("HIGH", c.urgency());
        assertTrue(c.autoResolve());
        assertTrue(c.openIncident());
        assertEquals(Duration.ofMinutes(5), c.flapWindow());

        assertEquals(new CiRef(null, "db-01"),
                book.classify(alert("fp", "alertname", "X", "ci", "db-01", "instance", "web-01:9100")).ci());
        UUID id = UUID.randomUUID();
        assertEquals(new CiRef(id, null), book.classify(alert("fp", "alertname", "X", "ci", id.toString())).ci());
        assertTrue(book.classify(alert("fp", "alertname", "X")).ci().isEmpty());
        // no severity: warning; unknown severity: MEDIUM/MEDIUM
        Classification none = book.classify(alert("fp", "alertname", "X"));
        assertEquals("warning", none.severity());
        Classification odd = book.classify(alert("fp", "alertname", "X", "severity", "page"));
        assertEquals(List.of("MEDIUM", "MEDIUM"), List.of(odd.impact(), odd.urgency()));
        Classification minor = book.classify(alert("fp", "alertname", "X", "severity", "minor"));
        assertEquals(List.of("LOW", "MEDIUM"), List.of(minor.impact(), minor.urgency()));
    }

    @Test
    void withoutAFingerprintTheDedupKeyHashesSourceAndSortedLabels() {
        RuleBook book = book();
        String a = book.classify(alert(null, "alertname", "X", "ci", "a")).dedupKey();
        String b = book.classify(alert(null, "ci", "a", "alertname", "X")).dedupKey();
        String c = book.classify(alert(null, "alertname", "X", "ci", "b")).dedupKey();
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(32, a.length());
    }

    @Test
    void everyMatcherMustHoldAndAMissingLabelIsEmpty() {
        CompiledRule rule = compile(request("prod disks", 1, List.of(m("alertname", MatcherOp.EQ, "DiskFull"),
                m("env", MatcherOp.NEQ, "dev"), m("team", MatcherOp.EXISTS, null), m("silenced", MatcherOp.NOT_EXISTS, null))));
        assertTrue(rule.matches(alert("f", "alertname", "DiskFull", "env", "prod", "team", "ops")));
        assertTrue(rule.matches(alert("f", "alertname", "DiskFull", "team", "ops")), "env missing is not dev");
        assertFalse(rule.matches(alert("f", "alertname", "DiskFull", "env", "dev", "team", "ops")));
        assertFalse(rule.matches(alert("f", "alertname", "DiskFull", "env", "prod")), "team must exist");
        assertFalse(rule.matches(alert("f", "alertname", "DiskFull", "team", "")), "empty is absent");
        assertFalse(rule.matches(alert("f", "alertname", "DiskFull", "team", "ops", "silenced", "yes")));
        assertFalse(rule.matches(alert("f", "alertname", "diskfull", "team", "ops")), "EQ is case-sensitive");
        assertTrue(compile(request("empty", 1, List.of(m("env", MatcherOp.EQ, "")))).matches(alert("f", "alertname", "X")));
        assertTrue(compile(request("all", 1, List.of())).matches(alert("f", "alertname", "X")), "no matchers: every alert");
    }

    @Test
    void regexMatchersAreFullyAnchoredLikeAlertmanagers() {
        CompiledRule web = compile(request("web", 1, List.of(m("instance", MatcherOp.REGEX, "web"))));
        assertFalse(web.matches(alert("f", "instance", "web-01")));
        assertFalse(web.matches(alert("f", "instance", "my-web")));
        assertTrue(web.matches(alert("f", "instance", "web")));
        CompiledRule alternatives = compile(request("alt", 1, List.of(m("alertname", MatcherOp.REGEX, "Disk.*|Filesystem.*"))));
        assertTrue(alternatives.matches(alert("f", "alertname", "DiskFull")));
        assertTrue(alternatives.matches(alert("f", "alertname", "FilesystemReadOnly")));
        assertFalse(alternatives.matches(alert("f", "alertname", "HighDiskLatency")));
        CompiledRule not = compile(request("not", 1, List.of(m("env", MatcherOp.NOT_REGEX, "dev|test"))));
        assertTrue(not.matches(alert("f", "env", "prod")));
        assertTrue(not.matches(alert("f", "env", "devops")));
        assertFalse(not.matches(alert("f", "env", "test")));
    }

    @Test
    void theFirstEnabledRuleByPositionThenNameClassifies() {
        CompiledRule late = compile(request("late", 20, List.of()));
        CompiledRule b = compile(request("b-rule", 10, List.of()));
        CompiledRule a = compile(request("a-rule", 10, List.of()));
        CompiledRule specific = compile(request("specific", 5, List.of(m("alertname", MatcherOp.EQ, "Special"))));
        CompiledRule off = compile(new AlertRuleRequest("off", null, 1, false, List.of(), null, null, null, null, null,
                null, null, null));
        RuleBook book = book(late, b, off, a, specific);
        assertEquals("a-rule", book.classify(alert("f", "alertname", "Any")).ruleName());
        assertEquals(a.id, book.classify(alert("f", "alertname", "Any")).ruleId());
        assertEquals(1L, book.classify(alert("f", "alertname", "Any")).ruleVersion());
        assertEquals("specific", book.classify(alert("f", "alertname", "Special")).ruleName());
        assertEquals("default", book(off).classify(alert("f", "alertname", "Any")).ruleName(), "a disabled rule never classifies");
    }

    @Test
    void ciSelectionByLabelFixedOrLookupTable() {
        UUID service = UUID.randomUUID();
        CompiledRule byLabel = compile(new AlertRuleRequest("label", null, 1, null, List.of(),
                new CiSelection(CiSelectionFrom.LABEL, "host", null, null, "fallback"), service, null, null, null, null,
                null, null));
        assertEquals(new CiRef(null, "web-01"), byLabel.classify(alert("f", "host", "web-01")).ci());
        assertEquals(new CiRef(null, "fallback"), byLabel.classify(alert("f", "instance", "web-01:80")).ci());
        assertEquals(service, byLabel.classify(alert("f")).serviceId());

        CompiledRule fixed = compile(new AlertRuleRequest("fixed", null, 1, null, List.of(),
                new CiSelection(CiSelectionFrom.FIXED, null, "payments-db", null, null), null, null, null, null, null,
                null, null));
        assertEquals(new CiRef(null, "payments-db"), fixed.classify(alert("f", "ci", "other")).ci());

        CompiledRule lookup = compile(new AlertRuleRequest("lookup", null, 1, null, List.of(),
                new CiSelection(CiSelectionFrom.LOOKUP, "instance", null, Map.of("10.0.0.5:9100", "web-01"), "web-tier"),
                null, null, null, null, null, null, null));
        assertEquals(new CiRef(null, "web-01"), lookup.classify(alert("f", "instance", "10.0.0.5:9100")).ci());
        assertEquals(new CiRef(null, "web-tier"), lookup.classify(alert("f", "instance", "10.0.0.9:9100")).ci());
        assertEquals(new CiRef(null, "web-tier"), lookup.classify(alert("f")).ci());
    }

    @Test
    void templateSeverityMapAndFlagsComeFromTheRule() {
        CompiledRule rule = compile(new AlertRuleRequest("custom", null, 1, null, List.of(), null, null, "priority",
                Map.of("p1", new SeverityMapping("HIGH", "HIGH"), "Warning", new SeverityMapping("LOW", "LOW")),
                "{{alertname}}/{{ instance }}/{{mountpoint}}", false, "PT30M", false));
        Classification c = rule.classify(alert("fp", "alertname", "DiskFull", "instance", "web-01", "priority", "P1"));
        assertEquals("DiskFull/web-01/", c.dedupKey(), "unknown placeholders render empty");
        assertEquals("p1", c.severity());
        assertEquals(List.of("HIGH", "HIGH"), List.of(c.impact(), c.urgency()));
        assertFalse(c.autoResolve());
        assertFalse(c.openIncident());
        assertEquals(Duration.ofMinutes(30), c.flapWindow());
        Classification warning = rule.classify(alert("fp", "priority", "warning"));
        assertEquals(List.of("LOW", "LOW"), List.of(warning.impact(), warning.urgency()), "given entries override defaults");
        Classification critical = rule.classify(alert("fp", "priority", "critical"));
        assertEquals(List.of("HIGH", "HIGH"), List.of(critical.impact(), critical.urgency()), "defaults stay");
        assertEquals("fp", compile(request("plain", 1, List.of())).classify(alert("fp")).dedupKey());
    }

    @Test
    void anInvalidRuleNamesEveryFieldByPointer() {
        ProblemException e = assertThrows(ProblemException.class, () -> RuleDefinition.of(new AlertRuleRequest("bad", null,
                1, null, List.of(m("alertname", MatcherOp.EQ, "A"), m("bad-label", MatcherOp.EXISTS, null),
                        m("instance", MatcherOp.REGEX, "web-(01"), m("x", MatcherOp.EQ, null)),
                new CiSelection(CiSelectionFrom.LOOKUP, "instance", null, null, null), null, null,
                Map.of("critical", new SeverityMapping("SEVERE", "HIGH")), "{{bad-name}}", null, "PT25H", null)));
        assertEquals(422, e.status());
        Problem p = e.toProblem("/api/v1/monitoring/rules");
        assertEquals("https://itsm.dev/problems/invalid-rule", p.getType().toString());
        assertEquals(List.of("/matchers/1/label", "/matchers/2/value", "/matchers/3/value", "/ci/table",
                "/severities/critical/impact", "/flapWindow", "/dedupKeyTemplate"),
                p.getErrors().stream().map(Problem.FieldError::field).toList());
        ProblemException flap = assertThrows(ProblemException.class, () -> RuleDefinition.of(new AlertRuleRequest("f",
                null, 1, null, null, null, null, null, null, null, null, "five minutes", null)));
        assertEquals("/flapWindow", flap.toProblem("/").getErrors().get(0).field());
        assertEquals(Duration.ZERO, RuleDefinition.of(new AlertRuleRequest("zero", null, 1, null, null, null, null, null,
                null, null, null, "PT0S", null)).flapWindow());
    }
}
