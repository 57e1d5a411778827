package dev.mlp4j.verify.diagnose;

/** What diagnose can find. Ids are part of the JSON output: add kinds, never rename them. */
public enum FindingKind {
    INPUT_NOT_SCALED("input-not-scaled"),
    NOT_FINITE("not-finite"),
    SATURATED("saturated"),
    DEAD_RELU("dead-relu"),
    VANISHING_GRADIENT("vanishing-gradient"),
    EXPLODING_GRADIENT("exploding-gradient"),
    UPDATE_TOO_LARGE("update-too-large"),
    UPDATE_TOO_SMALL("update-too-small");

    private final String id;

    FindingKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
