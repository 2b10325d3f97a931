package dev.itsm.catalog.consumer;

import static dev.itsm.catalog.consumer.OrganisationCommand.ACTIVATE;
import static dev.itsm.catalog.consumer.OrganisationCommand.DEACTIVATE;
import static dev.itsm.catalog.consumer.OrganisationCommand.UPDATE;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.hibernate.annotations.BatchSize;

import dev.itsm.catalog.events.ConsumerOrganisationChanged;
import dev.itsm.catalog.events.OrganisationFacts;
import dev.itsm.catalog.events.PersonFacts;
import dev.itsm.catalog.support.ChangedFields;
import dev.itsm.catalog.support.VersionedAggregate;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.NotFoundException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

/**
 * A consumer organisation (ITIL 4 service consumer): a company, a department or a team that orders
 * offerings under a {@link ServiceRelationship}, with its people in the roles USER, CUSTOMER and
 * SPONSOR (by token subject). Organisations nest ({@code parentId}); the tree is kept acyclic by
 * {@link ConsumerOrganisationService}. Every change is announced as {@link ConsumerOrganisationChanged}
 * with the full facts, made after the flush so that they carry the new version.
 */
@Entity
@Table(name = "consumer_organisation")
public class ConsumerOrganisation extends VersionedAggregate {

    @Column(nullable = false)
    private String name;

    private String description;

    @Column(name = "parent_id")
    private UUID parentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OrganisationState state;

    /** People by token subject; a page of organisations loads the people of all of them in one query. */
    @ElementCollection
    @CollectionTable(name = "consumer_person", joinColumns = @JoinColumn(name = "organisation_id"))
    @MapKeyColumn(name = "subject")
    @BatchSize(size = 100)
    private Map<String, Membership> people = new HashMap<>();

    protected ConsumerOrganisation() {
    }

    public static ConsumerOrganisation create(UUID id, String name, String description, UUID parentId, Instant now) {
        ConsumerOrganisation o = new ConsumerOrganisation();
        o.begin(id, now);
        o.name = name;
        o.description = description;
        o.parentId = parentId;
        o.state = OrganisationState.ACTIVE;
        return o;
    }

    /** Edits the name, description and parent (the caller has checked the parent exists and makes no cycle); the changed fields. */
    public List<String> edit(String name, String description, UUID parentId, Instant now) {
        require(UPDATE);
        List<String> changed = new ChangedFields()
                .compare("name", this.name, name)
                .compare("description", this.description, description)
                .compare("parentId", this.parentId, parentId)
                .names();
        this.name = name;
        this.description = description;
        this.parentId = parentId;
        touch(now);
        return changed;
    }

    /** ACTIVE → INACTIVE: it can no longer order. */
    public List<String> deactivate(Instant now) {
        require(DEACTIVATE);
        state = OrganisationState.INACTIVE;
        touch(now);
        return List.of("state");
    }

    /** INACTIVE → ACTIVE. */
    public List<String> activate(Instant now) {
        require(ACTIVATE);
        state = OrganisationState.ACTIVE;
        touch(now);
        return List.of("state");
    }

    /** Adds or replaces the person {@code subject}; true when they were new. */
    public boolean putPerson(String subject, String displayName, Set<PersonRole> roles, Instant now) {
        require(UPDATE);
        boolean added = !people.containsKey(subject);
        Membership wanted = new Membership(displayName, roles);
        if (!wanted.equals(people.get(subject))) {
            people.put(subject, wanted);
        }
        touch(now);
        return added;
    }

    /** Removes the person {@code subject} (404 when they are not one). */
    public void removePerson(String subject, Instant now) {
        require(UPDATE);
        if (people.remove(subject) == null) {
            throw new NotFoundException("Person of organisation " + id(), subject);
        }
        touch(now);
    }

    /** The event for a change that is flushed (its version is the new one). */
    public ConsumerOrganisationChanged changed(List<String> changedFields, Instant now) {
        return new ConsumerOrganisationChanged(new OrganisationFacts(id(), name, description, parentId, state,
                people().entrySet().stream().map(p -> new PersonFacts(p.getKey(), p.getValue().displayName(),
                        List.copyOf(p.getValue().roles()))).toList(),
                version(), now), changedFields);
    }

    private void require(OrganisationCommand command) {
        if (!state.allows(command)) {
            throw new IllegalTransitionException("consumer organisation", state, command.wireName(), state.allowedCommands());
        }
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public UUID parentId() {
        return parentId;
    }

    public OrganisationState state() {
        return state;
    }

    /** The people by subject, in subject order. */
    public Map<String, Membership> people() {
        return new TreeMap<>(people);
    }

    public Optional<Membership> person(String subject) {
        return Optional.ofNullable(people.get(subject));
    }
}
