"""Writes of the learning app: enrolment and quizzes (learners.py), staff rosters and in-person sessions
(records.py). Every function is keyword-only and transactional; officials' actions are audited."""
