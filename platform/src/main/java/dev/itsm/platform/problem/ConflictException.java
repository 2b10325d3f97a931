package dev.itsm.platform.problem;

import java.util.List;
import java.util.Map;

/** 409: the request conflicts with the current state of other resources (duplicates, users, overlaps). */
public class ConflictException extends ProblemException {

    public ConflictException(String typeSlug, String title, String detail) {
        super(409, typeSlug, title, detail);
    }

    public ConflictException(String typeSlug, String title, String detail, Map<String, Object> extensions) {
        super(409, typeSlug, title, detail, List.of(), extensions);
    }
}
