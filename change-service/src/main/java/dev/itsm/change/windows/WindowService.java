package dev.itsm.change.windows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.change.schedule.BlackoutWindow;
import dev.itsm.change.schedule.MaintenanceWindow;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.ValidationException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** CRUD of blackout windows and maintenance windows. */
@ApplicationScoped
public class WindowService {

    private final EntityManager em;

    WindowService(EntityManager em) {
        this.em = em;
    }

    // ------------------------------------------------------------------------------ blackout

    @Transactional
    public WindowRequests.BlackoutView createBlackout(WindowRequests.Blackout r) {
        BlackoutWindow b = new BlackoutWindow();
        b.id = UUID.randomUUID();
        b.createdAt = Instant.now();
        apply(b, r);
        b.persist();
        em.flush();
        return view(b);
    }

    @Transactional
    public WindowRequests.BlackoutView blackout(UUID id) {
        return view(loadBlackout(id));
    }

    @Transactional
    public WindowRequests.BlackoutView replaceBlackout(UUID id, String ifMatch, WindowRequests.Blackout r) {
        BlackoutWindow b = loadBlackout(id);
        ETags.requireMatch(ifMatch, b.version);
        apply(b, r);
        em.flush();
        return view(b);
    }

    @Transactional
    public void deleteBlackout(UUID id, String ifMatch) {
        BlackoutWindow b = loadBlackout(id);
        ETags.requireMatch(ifMatch, b.version);
        b.delete();
    }

    /** Blackout windows overlapping [from, to) (either may be null), optionally only those of a service (globals included). */
    @Transactional
    public Page<WindowRequests.BlackoutView> blackouts(PageRequest page, Sort sort, Instant from, Instant to, UUID serviceId) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (from != null) {
            q.append(" and endsAt > :from");
            p.and("from", from);
        }
        if (to != null) {
            q.append(" and startsAt < :to");
            p.and("to", to);
        }
        List<BlackoutWindow> all = BlackoutWindow.<BlackoutWindow>find(q.toString(), sort, p.map()).list();
        if (serviceId != null) {
            all = all.stream().filter(b -> b.serviceIds.isEmpty() || b.serviceIds.contains(serviceId)).toList();
        }
        int fromIndex = Math.min(page.offset(), all.size());
        int toIndex = Math.min(fromIndex + page.size(), all.size());
        return new Page<>(all.subList(fromIndex, toIndex).stream().map(WindowService::view).toList(), page.page(), page.size(), all.size());
    }

    private static void apply(BlackoutWindow b, WindowRequests.Blackout r) {
        if (!r.endsAt().isAfter(r.startsAt())) {
            throw new ValidationException("endsAt", "must be after startsAt");
        }
        b.name = r.name().strip();
        b.reason = r.reason();
        b.startsAt = r.startsAt();
        b.endsAt = r.endsAt();
        b.serviceIds = r.serviceIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(r.serviceIds()));
        b.updatedAt = Instant.now();
    }

    public static WindowRequests.BlackoutView view(BlackoutWindow b) {
        return new WindowRequests.BlackoutView(b.id, b.name, b.reason, b.startsAt, b.endsAt, b.serviceIds, b.serviceIds.isEmpty(),
                b.createdAt, b.updatedAt, b.version);
    }

    private BlackoutWindow loadBlackout(UUID id) {
        BlackoutWindow b = BlackoutWindow.findById(id);
        if (b == null) {
            throw new NotFoundException("Blackout window", id);
        }
        return b;
    }

    // ------------------------------------------------------------------------------ maintenance

    @Transactional
    public WindowRequests.MaintenanceView createMaintenance(WindowRequests.Maintenance r) {
        MaintenanceWindow m = new MaintenanceWindow();
        m.id = UUID.randomUUID();
        m.createdAt = Instant.now();
        apply(m, r);
        m.persist();
        em.flush();
        return view(m);
    }

    @Transactional
    public WindowRequests.MaintenanceView maintenance(UUID id) {
        return view(loadMaintenance(id));
    }

    @Transactional
    public WindowRequests.MaintenanceView replaceMaintenance(UUID id, String ifMatch, WindowRequests.Maintenance r) {
        MaintenanceWindow m = loadMaintenance(id);
        ETags.requireMatch(ifMatch, m.version);
        apply(m, r);
        em.flush();
        return view(m);
    }

    @Transactional
    public void deleteMaintenance(UUID id, String ifMatch) {
        MaintenanceWindow m = loadMaintenance(id);
        ETags.requireMatch(ifMatch, m.version);
        m.delete();
    }

    @Transactional
    public Page<WindowRequests.MaintenanceView> maintenanceWindows(PageRequest page, Sort sort, UUID serviceId) {
        var query = serviceId == null ? MaintenanceWindow.<MaintenanceWindow>findAll(sort)
                : MaintenanceWindow.<MaintenanceWindow>find("serviceId", sort, serviceId);
        List<WindowRequests.MaintenanceView> items = query.page(page.page(), page.size()).list().stream().map(WindowService::view).toList();
        return new Page<>(items, page.page(), page.size(), query.count());
    }

    private static void apply(MaintenanceWindow m, WindowRequests.Maintenance r) {
        try {
            ZoneId.of(r.timeZone());
        } catch (DateTimeException e) {
            throw new ValidationException("timeZone", "must be an IANA time zone id such as Europe/Berlin");
        }
        m.serviceId = r.serviceId();
        m.name = r.name().strip();
        m.daysOfWeek = MaintenanceWindow.days(r.daysOfWeek());
        m.startTime = r.startTime();
        m.durationMinutes = r.durationMinutes();
        m.timeZone = r.timeZone();
        m.updatedAt = Instant.now();
    }

    public static WindowRequests.MaintenanceView view(MaintenanceWindow m) {
        return new WindowRequests.MaintenanceView(m.id, m.serviceId, m.name, m.days(), m.startTime, m.durationMinutes, m.timeZone,
                m.createdAt, m.updatedAt, m.version);
    }

    private MaintenanceWindow loadMaintenance(UUID id) {
        MaintenanceWindow m = MaintenanceWindow.findById(id);
        if (m == null) {
            throw new NotFoundException("Maintenance window", id);
        }
        return m;
    }


}
