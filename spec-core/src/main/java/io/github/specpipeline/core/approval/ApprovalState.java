package io.github.specpipeline.core.approval;

/** Where a model of the current spec stands against the approval file. */
public sealed interface ApprovalState {
    /** The text the review exports show. */
    String describe();

    /** Its content is what {@code approver} approved on {@code date}. */
    record Approved(String approver, String date) implements ApprovalState {
        @Override
        public String describe() {
            return "approved by " + approver + " on " + date;
        }
    }

    /** It was approved, but its content changed since. */
    record ChangedSinceApproval(String approver, String date) implements ApprovalState {
        @Override
        public String describe() {
            return "changed since approval (approved by " + approver + " on " + date + ")";
        }
    }

    /** The approval file has no entry for it (added since). */
    record NotApproved() implements ApprovalState {
        @Override
        public String describe() {
            return "not approved";
        }
    }

    /** The state of a model with {@code hash} against {@code approval}. */
    static ApprovalState of(String name, String hash, Approval approval) {
        Approval.Approved a = approval.models().get(name);
        if (a == null) {
            return new NotApproved();
        }
        return a.hash().equals(hash)
                ? new Approved(a.approver(), a.date())
                : new ChangedSinceApproval(a.approver(), a.date());
    }
}
