package dev.itsm.platform.problem;

/** 404: the addressed resource does not exist. */
public class NotFoundException extends ProblemException {

    public NotFoundException(String resource, Object id) {
        super(404, "not-found", "Not found", resource + " " + id + " does not exist");
    }
}
