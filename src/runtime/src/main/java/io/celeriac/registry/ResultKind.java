package io.celeriac.registry;

/** How a task method hands back its result. */
public enum ResultKind {
    /** Returns the value. */
    VALUE,
    /** Returns nothing; the result is {@code null}. */
    VOID,
    /** Returns a {@code Uni} emitting the value. */
    UNI,
    /** Returns a {@code CompletionStage} completing with the value. */
    COMPLETION_STAGE
}
