-- Why a candidate was dismissed (POST /api/v1/problems/candidates/{id}/dismiss {reason}): shown with the candidate,
-- so whoever sees the key stay quiet knows why.
alter table problem_candidate add column decision_reason text;
