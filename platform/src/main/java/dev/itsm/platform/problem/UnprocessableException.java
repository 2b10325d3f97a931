package dev.itsm.platform.problem;

import java.util.List;
import java.util.Map;

/** 422: well-formed input that refers to something unusable (e.g. a service that is not LIVE). */
public class UnprocessableException extends ProblemException {

    public UnprocessableException(String typeSlug, String title, String detail) {
        super(422, typeSlug, title, detail);
    }

    public UnprocessableException(String typeSlug, String title, String detail, Map<String, Object> extensions) {
        super(422, typeSlug, title, detail, List.of(), extensions);
    }
}
