"""Schema versions: an ordered list of numbered steps applied under PRAGMA user_version."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import peewee

from db import snapshot
from db.database import APPLICATION_ID
from db.errors import DatabaseError

Step = Callable[[peewee.SqliteDatabase], None]

# Version 1: people, hardship files with members and history, settings and value lists.
# Frozen SQL, not the live models: later versions change tables with new steps below.
V1_SCHEMA = [
    'CREATE TABLE "setting" ("key" VARCHAR(64) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "poverty_line" ("id" INTEGER NOT NULL PRIMARY KEY, "effective_from" DATE NOT NULL, "monthly_amount" INTEGER NOT NULL, "note" VARCHAR(200) NOT NULL)',
    'CREATE UNIQUE INDEX "poverty_line_effective_from" ON "poverty_line" ("effective_from")',
    'CREATE TABLE "value_list_item" ("id" INTEGER NOT NULL PRIMARY KEY, "list_name" VARCHAR(32) NOT NULL, "value" VARCHAR(64) NOT NULL, "sort_order" INTEGER NOT NULL, "active" INTEGER NOT NULL)',
    'CREATE UNIQUE INDEX "value_list_item_list_name_value" ON "value_list_item" ("list_name", "value")',
    'CREATE TABLE "person" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(64) NOT NULL, "id_number" VARCHAR(18), "sex" VARCHAR(2), "birth_date" DATE, "ethnicity" VARCHAR(16), "political_status" VARCHAR(16), "health" VARCHAR(16), "disability_type" VARCHAR(16), "disability_grade" VARCHAR(8), "marital_status" VARCHAR(8), "hukou_type" VARCHAR(8), "hukou_place" VARCHAR(128), "medical_insurance" VARCHAR(16), "phone" VARCHAR(20), "work_unit" VARCHAR(128), "address" VARCHAR(200), "name_pinyin" VARCHAR(200) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL)',
    'CREATE UNIQUE INDEX "person_id_number" ON "person" ("id_number")',
    'CREATE INDEX "person_name_pinyin" ON "person" ("name_pinyin")',
    'CREATE TABLE "household" ("id" INTEGER NOT NULL PRIMARY KEY, "file_no" VARCHAR(32) NOT NULL, "filing_level" VARCHAR(8), "head_id" INTEGER NOT NULL, "category" VARCHAR(16), "category_reason" VARCHAR(200), "identity" VARCHAR(8) NOT NULL, "main_cause" VARCHAR(32), "secondary_causes" VARCHAR(200) NOT NULL, "work_status" VARCHAR(16), "model_worker_type" VARCHAR(8), "single_parent" INTEGER NOT NULL, "zero_employment" INTEGER NOT NULL, "unit_nature" VARCHAR(16), "enterprise_status" VARCHAR(16), "industry" VARCHAR(32), "union_name" VARCHAR(128), "head_monthly_income" INTEGER NOT NULL, "other_annual_income" INTEGER NOT NULL, "rigid_expenses" INTEGER NOT NULL, "accident_losses" INTEGER NOT NULL, "household_size" INTEGER NOT NULL, "annual_income" INTEGER NOT NULL, "per_capita_monthly" INTEGER NOT NULL, "receives_dibao" INTEGER NOT NULL, "dibao_amount" INTEGER NOT NULL, "housing_type" VARCHAR(16), "housing_area" INTEGER, "bank_name" VARCHAR(64), "bank_branch" VARCHAR(64), "card_number" VARCHAR(32), "attachments" VARCHAR(300) NOT NULL, "filed_by" VARCHAR(32), "reviewed_by" VARCHAR(32), "entered_by" VARCHAR(32), "hardship_cert_no" VARCHAR(32), "note" TEXT NOT NULL, "status" VARCHAR(8) NOT NULL, "status_since" DATE NOT NULL, "filed_on" DATE NOT NULL, "approved_on" DATE, "last_recheck_on" DATE, "surveyed_on" DATE, "notice_start" DATE, "notice_end" DATE, "closed_on" DATE, "close_reason" VARCHAR(32), "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("head_id") REFERENCES "person" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "household_file_no" ON "household" ("file_no")',
    'CREATE INDEX "household_head_id" ON "household" ("head_id")',
    'CREATE INDEX "household_category" ON "household" ("category")',
    'CREATE INDEX "household_identity" ON "household" ("identity")',
    'CREATE INDEX "household_main_cause" ON "household" ("main_cause")',
    'CREATE INDEX "household_union_name" ON "household" ("union_name")',
    'CREATE INDEX "household_status" ON "household" ("status")',
    'CREATE INDEX "household_filed_on" ON "household" ("filed_on")',
    'CREATE INDEX "household_updated_at" ON "household" ("updated_at")',
    'CREATE TABLE "family_member" ("id" INTEGER NOT NULL PRIMARY KEY, "household_id" INTEGER NOT NULL, "person_id" INTEGER NOT NULL, "relation" VARCHAR(16) NOT NULL, "monthly_income" INTEGER NOT NULL, "identity" VARCHAR(16), "unit_or_school" VARCHAR(128), "education" VARCHAR(8), "enrol_year" INTEGER, "schooling_years" INTEGER, "sort_order" INTEGER NOT NULL, FOREIGN KEY ("household_id") REFERENCES "household" ("id") ON DELETE CASCADE, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "family_member_household_id" ON "family_member" ("household_id")',
    'CREATE INDEX "family_member_person_id" ON "family_member" ("person_id")',
    'CREATE TABLE "household_event" ("id" INTEGER NOT NULL PRIMARY KEY, "household_id" INTEGER NOT NULL, "on_date" DATE NOT NULL, "action" VARCHAR(8) NOT NULL, "status_after" VARCHAR(8) NOT NULL, "by_name" VARCHAR(32) NOT NULL, "note" TEXT NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("household_id") REFERENCES "household" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "household_event_household_id" ON "household_event" ("household_id")',
    'CREATE TABLE "household_search" ("household_id" INTEGER NOT NULL PRIMARY KEY, "text" TEXT NOT NULL, FOREIGN KEY ("household_id") REFERENCES "household" ("id") ON DELETE CASCADE)',
]


def _v1(db: peewee.SqliteDatabase) -> None:
    for statement in V1_SCHEMA:
        db.execute_sql(statement)


# Version 2: staff accounts and the append-only audit trail (AUTOINCREMENT: ids are never
# reused, so removing the newest record leaves a gap `check` can see).
V2_SCHEMA = [
    'CREATE TABLE "account" ("id" INTEGER NOT NULL PRIMARY KEY, "username" VARCHAR(32) NOT NULL, "display_name" VARCHAR(32) NOT NULL, "role" VARCHAR(8) NOT NULL, "password_hash" VARCHAR(200) NOT NULL, "active" INTEGER NOT NULL, "must_change_password" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, "last_login_at" DATETIME)',
    'CREATE UNIQUE INDEX "account_username" ON "account" ("username")',
    'CREATE TABLE "audit_record" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "at" VARCHAR(32) NOT NULL, "username" VARCHAR(32) NOT NULL, "action" VARCHAR(16) NOT NULL, "target_kind" VARCHAR(32) NOT NULL, "target_id" INTEGER, "target_label" VARCHAR(100) NOT NULL, "details" TEXT NOT NULL, "prev_hash" VARCHAR(64) NOT NULL, "hash" VARCHAR(64) NOT NULL)',
    'CREATE INDEX "audit_record_at" ON "audit_record" ("at")',
    'CREATE INDEX "audit_record_username" ON "audit_record" ("username")',
    'CREATE INDEX "audit_record_action" ON "audit_record" ("action")',
    'CREATE INDEX "audit_record_target_id" ON "audit_record" ("target_id")',
    'CREATE TRIGGER "audit_record_no_update" BEFORE UPDATE ON "audit_record" BEGIN SELECT RAISE(ABORT, \'操作日志只能追加，不能修改\'); END',
    'CREATE TRIGGER "audit_record_no_delete" BEFORE DELETE ON "audit_record" BEGIN SELECT RAISE(ABORT, \'操作日志只能追加，不能删除\'); END',
]


def _v2(db: peewee.SqliteDatabase) -> None:
    for statement in V2_SCHEMA:
        db.execute_sql(statement)


# Version 3: help given — funds and money in, campaigns, relief records with in-kind items.
V3_SCHEMA = [
    'CREATE TABLE "fund" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(64) NOT NULL, "special" INTEGER NOT NULL, "note" VARCHAR(200) NOT NULL, "active" INTEGER NOT NULL, "created_at" DATETIME NOT NULL)',
    'CREATE UNIQUE INDEX "fund_name" ON "fund" ("name")',
    'CREATE TABLE "fund_entry" ("id" INTEGER NOT NULL PRIMARY KEY, "fund_id" INTEGER NOT NULL, "on_date" DATE NOT NULL, "source" VARCHAR(16) NOT NULL, "amount" INTEGER NOT NULL, "document_no" VARCHAR(32) NOT NULL, "note" VARCHAR(200) NOT NULL, "created_by" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("fund_id") REFERENCES "fund" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "fund_entry_fund_id" ON "fund_entry" ("fund_id")',
    'CREATE INDEX "fund_entry_on_date" ON "fund_entry" ("on_date")',
    'CREATE TABLE "campaign" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(64) NOT NULL, "relief_type" VARCHAR(16) NOT NULL, "start_date" DATE NOT NULL, "end_date" DATE NOT NULL, "standard_amount" INTEGER, "standard_items" VARCHAR(200) NOT NULL, "fund_id" INTEGER, "note" TEXT NOT NULL, "created_by" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("fund_id") REFERENCES "fund" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "campaign_name" ON "campaign" ("name")',
    'CREATE INDEX "campaign_fund_id" ON "campaign" ("fund_id")',
    'CREATE TABLE "relief" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "household_id" INTEGER, "relief_type" VARCHAR(16) NOT NULL, "on_date" DATE NOT NULL, "amount" INTEGER NOT NULL, "goods_value" INTEGER NOT NULL, "fund_id" INTEGER, "campaign_id" INTEGER, "handler" VARCHAR(32) NOT NULL, "temporary" INTEGER NOT NULL, "duplicate_reason" VARCHAR(200), "overdraw_reason" VARCHAR(200), "note" TEXT NOT NULL, "hospital" VARCHAR(64), "diagnosis" VARCHAR(64), "total_cost" INTEGER, "insurance_paid" INTEGER, "self_paid" INTEGER, "student_id" INTEGER, "school" VARCHAR(64), "school_level" VARCHAR(8), "admission_year" INTEGER, "created_by" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT, FOREIGN KEY ("household_id") REFERENCES "household" ("id") ON DELETE SET NULL, FOREIGN KEY ("fund_id") REFERENCES "fund" ("id") ON DELETE RESTRICT, FOREIGN KEY ("campaign_id") REFERENCES "campaign" ("id") ON DELETE RESTRICT, FOREIGN KEY ("student_id") REFERENCES "person" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "relief_person_id" ON "relief" ("person_id")',
    'CREATE INDEX "relief_household_id" ON "relief" ("household_id")',
    'CREATE INDEX "relief_relief_type" ON "relief" ("relief_type")',
    'CREATE INDEX "relief_on_date" ON "relief" ("on_date")',
    'CREATE INDEX "relief_fund_id" ON "relief" ("fund_id")',
    'CREATE INDEX "relief_campaign_id" ON "relief" ("campaign_id")',
    'CREATE INDEX "relief_student_id" ON "relief" ("student_id")',
    'CREATE TABLE "relief_item" ("id" INTEGER NOT NULL PRIMARY KEY, "relief_id" INTEGER NOT NULL, "name" VARCHAR(32) NOT NULL, "quantity" INTEGER NOT NULL, "unit" VARCHAR(8) NOT NULL, "value" INTEGER NOT NULL, FOREIGN KEY ("relief_id") REFERENCES "relief" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "relief_item_relief_id" ON "relief_item" ("relief_id")',
]


def _v3(db: peewee.SqliteDatabase) -> None:
    for statement in V3_SCHEMA:
        db.execute_sql(statement)


# Version 4: reception (信访接待) with its steps, and legal-aid cases with applicants and stages.
V4_SCHEMA = [
    'CREATE TABLE "legal_case" ("id" INTEGER NOT NULL PRIMARY KEY, "case_no" VARCHAR(32) NOT NULL, "respondent" VARCHAR(128) NOT NULL, "cause" VARCHAR(16) NOT NULL, "handling" VARCHAR(16) NOT NULL, "partner" VARCHAR(64) NOT NULL, "lawyer" VARCHAR(32) NOT NULL, "workers_involved" INTEGER NOT NULL, "amount_claimed" INTEGER NOT NULL, "amount_recovered" INTEGER NOT NULL, "stage" VARCHAR(8) NOT NULL, "accepted_on" DATE NOT NULL, "closed_on" DATE, "outcome" TEXT NOT NULL, "note" TEXT NOT NULL, "created_by" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL)',
    'CREATE UNIQUE INDEX "legal_case_case_no" ON "legal_case" ("case_no")',
    'CREATE INDEX "legal_case_cause" ON "legal_case" ("cause")',
    'CREATE INDEX "legal_case_handling" ON "legal_case" ("handling")',
    'CREATE INDEX "legal_case_stage" ON "legal_case" ("stage")',
    'CREATE INDEX "legal_case_accepted_on" ON "legal_case" ("accepted_on")',
    'CREATE INDEX "legal_case_closed_on" ON "legal_case" ("closed_on")',
    'CREATE TABLE "legal_applicant" ("id" INTEGER NOT NULL PRIMARY KEY, "case_id" INTEGER NOT NULL, "person_id" INTEGER NOT NULL, "amount_claimed" INTEGER, "amount_recovered" INTEGER, FOREIGN KEY ("case_id") REFERENCES "legal_case" ("id") ON DELETE CASCADE, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "legal_applicant_case_id" ON "legal_applicant" ("case_id")',
    'CREATE INDEX "legal_applicant_person_id" ON "legal_applicant" ("person_id")',
    'CREATE TABLE "legal_stage" ("id" INTEGER NOT NULL PRIMARY KEY, "case_id" INTEGER NOT NULL, "stage" VARCHAR(8) NOT NULL, "on_date" DATE NOT NULL, "note" TEXT NOT NULL, "by_name" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("case_id") REFERENCES "legal_case" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "legal_stage_case_id" ON "legal_stage" ("case_id")',
    'CREATE TABLE "petition" ("id" INTEGER NOT NULL PRIMARY KEY, "channel" VARCHAR(4) NOT NULL, "received_at" DATETIME NOT NULL, "person_id" INTEGER, "anonymous" INTEGER NOT NULL, "name" VARCHAR(64) NOT NULL, "contact" VARCHAR(32) NOT NULL, "work_unit" VARCHAR(128) NOT NULL, "category" VARCHAR(8) NOT NULL, "content" TEXT NOT NULL, "workers" INTEGER NOT NULL, "registered_by" VARCHAR(32) NOT NULL, "handed_to" VARCHAR(64), "handed_on" DATE, "handed_by" VARCHAR(32), "due_on" DATE NOT NULL, "closed_on" DATE, "closed_by" VARCHAR(32), "result" TEXT NOT NULL, "reply" TEXT NOT NULL, "household_id" INTEGER, "legal_case_id" INTEGER, "created_at" DATETIME NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT, FOREIGN KEY ("household_id") REFERENCES "household" ("id") ON DELETE SET NULL, FOREIGN KEY ("legal_case_id") REFERENCES "legal_case" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "petition_channel" ON "petition" ("channel")',
    'CREATE INDEX "petition_received_at" ON "petition" ("received_at")',
    'CREATE INDEX "petition_person_id" ON "petition" ("person_id")',
    'CREATE INDEX "petition_category" ON "petition" ("category")',
    'CREATE INDEX "petition_due_on" ON "petition" ("due_on")',
    'CREATE INDEX "petition_closed_on" ON "petition" ("closed_on")',
    'CREATE INDEX "petition_household_id" ON "petition" ("household_id")',
    'CREATE INDEX "petition_legal_case_id" ON "petition" ("legal_case_id")',
    'CREATE TABLE "petition_event" ("id" INTEGER NOT NULL PRIMARY KEY, "petition_id" INTEGER NOT NULL, "action" VARCHAR(8) NOT NULL, "on_date" DATE NOT NULL, "by_name" VARCHAR(32) NOT NULL, "note" TEXT NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("petition_id") REFERENCES "petition" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "petition_event_petition_id" ON "petition_event" ("petition_id")',
]


def _v4(db: peewee.SqliteDatabase) -> None:
    for statement in V4_SCHEMA:
        db.execute_sql(statement)


# Version 5: training and jobs — sessions and trainees, placements, referrals, loans, pairing, mutual aid.
V5_SCHEMA = [
    'CREATE TABLE "training_session" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(64) NOT NULL, "kind" VARCHAR(8) NOT NULL, "trade" VARCHAR(16) NOT NULL, "start_date" DATE NOT NULL, "end_date" DATE NOT NULL, "place" VARCHAR(64) NOT NULL, "organiser" VARCHAR(64) NOT NULL, "cost" INTEGER NOT NULL, "fund_id" INTEGER, "note" TEXT NOT NULL, "created_by" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("fund_id") REFERENCES "fund" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "training_session_name" ON "training_session" ("name")',
    'CREATE INDEX "training_session_start_date" ON "training_session" ("start_date")',
    'CREATE INDEX "training_session_fund_id" ON "training_session" ("fund_id")',
    'CREATE TABLE "trainee" ("id" INTEGER NOT NULL PRIMARY KEY, "session_id" INTEGER NOT NULL, "person_id" INTEGER NOT NULL, "group" VARCHAR(8) NOT NULL, "completed" INTEGER NOT NULL, "certificate_no" VARCHAR(32) NOT NULL, "note" VARCHAR(200) NOT NULL, FOREIGN KEY ("session_id") REFERENCES "training_session" ("id") ON DELETE CASCADE, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "trainee_session_id" ON "trainee" ("session_id")',
    'CREATE INDEX "trainee_person_id" ON "trainee" ("person_id")',
    'CREATE INDEX "trainee_group" ON "trainee" ("group")',
    'CREATE UNIQUE INDEX "trainee_session_id_person_id" ON "trainee" ("session_id", "person_id")',
    'CREATE TABLE "placement" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "group" VARCHAR(8) NOT NULL, "employer" VARCHAR(128) NOT NULL, "job" VARCHAR(64) NOT NULL, "on_date" DATE NOT NULL, "how_found" VARCHAR(16) NOT NULL, "household_id" INTEGER, "note" VARCHAR(200) NOT NULL, "created_by" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT, FOREIGN KEY ("household_id") REFERENCES "household" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "placement_person_id" ON "placement" ("person_id")',
    'CREATE INDEX "placement_group" ON "placement" ("group")',
    'CREATE INDEX "placement_on_date" ON "placement" ("on_date")',
    'CREATE INDEX "placement_household_id" ON "placement" ("household_id")',
    'CREATE TABLE "referral" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "employer" VARCHAR(128) NOT NULL, "on_date" DATE NOT NULL, "outcome" VARCHAR(8) NOT NULL, "note" VARCHAR(200) NOT NULL, "created_by" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "referral_person_id" ON "referral" ("person_id")',
    'CREATE INDEX "referral_on_date" ON "referral" ("on_date")',
    'CREATE TABLE "loan" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "amount" INTEGER NOT NULL, "bank" VARCHAR(64) NOT NULL, "on_date" DATE NOT NULL, "term_months" INTEGER NOT NULL, "subsidy" INTEGER NOT NULL, "repayment" VARCHAR(8) NOT NULL, "household_id" INTEGER, "note" VARCHAR(200) NOT NULL, "created_by" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT, FOREIGN KEY ("household_id") REFERENCES "household" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "loan_person_id" ON "loan" ("person_id")',
    'CREATE INDEX "loan_on_date" ON "loan" ("on_date")',
    'CREATE INDEX "loan_household_id" ON "loan" ("household_id")',
    'CREATE TABLE "pairing" ("id" INTEGER NOT NULL PRIMARY KEY, "cadre_name" VARCHAR(32) NOT NULL, "cadre_unit" VARCHAR(128) NOT NULL, "cadre_phone" VARCHAR(20) NOT NULL, "household_id" INTEGER NOT NULL, "start_date" DATE NOT NULL, "end_date" DATE, "note" VARCHAR(200) NOT NULL, "created_by" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("household_id") REFERENCES "household" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "pairing_household_id" ON "pairing" ("household_id")',
    'CREATE INDEX "pairing_start_date" ON "pairing" ("start_date")',
    'CREATE TABLE "pairing_aid" ("id" INTEGER NOT NULL PRIMARY KEY, "pairing_id" INTEGER NOT NULL, "on_date" DATE NOT NULL, "kind" VARCHAR(8) NOT NULL, "amount" INTEGER NOT NULL, "count" INTEGER NOT NULL, "description" VARCHAR(200) NOT NULL, "created_by" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("pairing_id") REFERENCES "pairing" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "pairing_aid_pairing_id" ON "pairing_aid" ("pairing_id")',
    'CREATE INDEX "pairing_aid_on_date" ON "pairing_aid" ("on_date")',
    'CREATE INDEX "pairing_aid_kind" ON "pairing_aid" ("kind")',
    'CREATE TABLE "mutual_aid_enrolment" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "year" INTEGER NOT NULL, "plan" VARCHAR(32) NOT NULL, "premium" INTEGER NOT NULL, "work_unit" VARCHAR(128) NOT NULL, "created_by" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "mutual_aid_enrolment_person_id" ON "mutual_aid_enrolment" ("person_id")',
    'CREATE INDEX "mutual_aid_enrolment_year" ON "mutual_aid_enrolment" ("year")',
    'CREATE UNIQUE INDEX "mutual_aid_enrolment_person_id_year_plan" ON "mutual_aid_enrolment" ("person_id", "year", "plan")',
    'CREATE TABLE "mutual_aid_claim" ("id" INTEGER NOT NULL PRIMARY KEY, "enrolment_id" INTEGER NOT NULL, "on_date" DATE NOT NULL, "kind" VARCHAR(8) NOT NULL, "amount" INTEGER NOT NULL, "note" VARCHAR(200) NOT NULL, "created_by" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("enrolment_id") REFERENCES "mutual_aid_enrolment" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "mutual_aid_claim_enrolment_id" ON "mutual_aid_claim" ("enrolment_id")',
    'CREATE INDEX "mutual_aid_claim_on_date" ON "mutual_aid_claim" ("on_date")',
]

# Version 6: model workers — archive and honours, status ledger, visits, health checks, subsidy account.
V6_SCHEMA = [
    'CREATE TABLE "model_worker" ("id" INTEGER NOT NULL PRIMARY KEY, "person_id" INTEGER NOT NULL, "work_unit" VARCHAR(128) NOT NULL, "job" VARCHAR(64) NOT NULL, "phone" VARCHAR(20) NOT NULL, "address" VARCHAR(200) NOT NULL, "studio" VARCHAR(128) NOT NULL, "photo" BLOB, "note" TEXT NOT NULL, "created_by" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "model_worker_person_id" ON "model_worker" ("person_id")',
    'CREATE TABLE "honour" ("id" INTEGER NOT NULL PRIMARY KEY, "model_worker_id" INTEGER NOT NULL, "title" VARCHAR(32) NOT NULL, "level" VARCHAR(8) NOT NULL, "year" INTEGER NOT NULL, "document_no" VARCHAR(64) NOT NULL, FOREIGN KEY ("model_worker_id") REFERENCES "model_worker" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "honour_model_worker_id" ON "honour" ("model_worker_id")',
    'CREATE INDEX "honour_level" ON "honour" ("level")',
    'CREATE TABLE "model_worker_event" ("id" INTEGER NOT NULL PRIMARY KEY, "model_worker_id" INTEGER NOT NULL, "on_date" DATE NOT NULL, "event" VARCHAR(8) NOT NULL, "status_after" VARCHAR(8) NOT NULL, "reason" VARCHAR(200) NOT NULL, "document_no" VARCHAR(64) NOT NULL, "by_name" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("model_worker_id") REFERENCES "model_worker" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "model_worker_event_model_worker_id" ON "model_worker_event" ("model_worker_id")',
    'CREATE INDEX "model_worker_event_on_date" ON "model_worker_event" ("on_date")',
    'CREATE TABLE "model_worker_visit" ("id" INTEGER NOT NULL PRIMARY KEY, "model_worker_id" INTEGER NOT NULL, "on_date" DATE NOT NULL, "occasion" VARCHAR(8) NOT NULL, "round_name" VARCHAR(64) NOT NULL, "visitors" VARCHAR(64) NOT NULL, "amount" INTEGER NOT NULL, "gifts" VARCHAR(100) NOT NULL, "fund_id" INTEGER, "note" VARCHAR(200) NOT NULL, "created_by" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("model_worker_id") REFERENCES "model_worker" ("id") ON DELETE CASCADE, FOREIGN KEY ("fund_id") REFERENCES "fund" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "model_worker_visit_model_worker_id" ON "model_worker_visit" ("model_worker_id")',
    'CREATE INDEX "model_worker_visit_on_date" ON "model_worker_visit" ("on_date")',
    'CREATE INDEX "model_worker_visit_round_name" ON "model_worker_visit" ("round_name")',
    'CREATE INDEX "model_worker_visit_fund_id" ON "model_worker_visit" ("fund_id")',
    'CREATE TABLE "health_check" ("id" INTEGER NOT NULL PRIMARY KEY, "model_worker_id" INTEGER NOT NULL, "year" INTEGER NOT NULL, "hospital" VARCHAR(64) NOT NULL, "on_date" DATE NOT NULL, "summary" TEXT NOT NULL, FOREIGN KEY ("model_worker_id") REFERENCES "model_worker" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "health_check_model_worker_id" ON "health_check" ("model_worker_id")',
    'CREATE INDEX "health_check_year" ON "health_check" ("year")',
    'CREATE TABLE "subsidy_entry" ("id" INTEGER NOT NULL PRIMARY KEY, "on_date" DATE NOT NULL, "model_worker_id" INTEGER, "period" VARCHAR(32) NOT NULL, "amount" INTEGER NOT NULL, "source" VARCHAR(16) NOT NULL, "document_no" VARCHAR(64) NOT NULL, "note" VARCHAR(200) NOT NULL, "created_by" VARCHAR(32) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("model_worker_id") REFERENCES "model_worker" ("id") ON DELETE RESTRICT)',
    'CREATE INDEX "subsidy_entry_on_date" ON "subsidy_entry" ("on_date")',
    'CREATE INDEX "subsidy_entry_model_worker_id" ON "subsidy_entry" ("model_worker_id")',
    'CREATE TABLE "supplementary_insurance" ("id" INTEGER NOT NULL PRIMARY KEY, "model_worker_id" INTEGER NOT NULL, "year" INTEGER NOT NULL, "insurer" VARCHAR(64) NOT NULL, "premium" INTEGER NOT NULL, FOREIGN KEY ("model_worker_id") REFERENCES "model_worker" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "supplementary_insurance_model_worker_id" ON "supplementary_insurance" ("model_worker_id")',
    'CREATE TABLE "practical_help" ("id" INTEGER NOT NULL PRIMARY KEY, "model_worker_id" INTEGER NOT NULL, "on_date" DATE NOT NULL, "what" VARCHAR(200) NOT NULL, "note" VARCHAR(200) NOT NULL, FOREIGN KEY ("model_worker_id") REFERENCES "model_worker" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "practical_help_model_worker_id" ON "practical_help" ("model_worker_id")',
    'CREATE INDEX "practical_help_on_date" ON "practical_help" ("on_date")',
]


def _v5(db: peewee.SqliteDatabase) -> None:
    for statement in V5_SCHEMA:
        db.execute_sql(statement)


def _v6(db: peewee.SqliteDatabase) -> None:
    for statement in V6_SCHEMA:
        db.execute_sql(statement)


# Version 7: a covering index for the summary (统计). Every figure of relief and of money paid out of the funds
# for a period reads this index alone, in date order, never the rows: over a million reliefs a year's summary
# takes a tenth of a second instead of seconds. relief_on_date stays: it keeps (date, id) order for exports.
V7_SCHEMA = [
    'CREATE INDEX "relief_summary" ON "relief" ("on_date", "relief_type", "fund_id", "amount", "goods_value", '
    '"person_id")',
]


def _v7(db: peewee.SqliteDatabase) -> None:
    for statement in V7_SCHEMA:
        db.execute_sql(statement)


# (version, description, step). Append only; never edit a released step.
MIGRATIONS: list[tuple[int, str, Step]] = [
    (1, "档案: 人员、困难职工档案、家庭成员、档案历史、设置", _v1),
    (2, "账户与操作日志", _v2),
    (3, "救助: 资金、帮扶活动、救助记录", _v3),
    (4, "信访接待与法律援助", _v4),
    (5, "培训就业: 培训、安置、职业介绍、创业贷款、结对帮扶、互助保障", _v5),
    (6, "劳模: 档案、动态、走访、体检、补助金专户", _v6),
    (7, "统计: 救助记录的汇总索引", _v7),
]

LATEST = MIGRATIONS[-1][0]


def schema_version(db: peewee.SqliteDatabase) -> int:
    return int(db.pragma("user_version"))


def upgrade(db: peewee.SqliteDatabase, path: Path) -> int:
    """Bring the file to LATEST; back it up before the first step on an existing file.

    Returns the version the file had. A file newer than this program is refused.
    """
    app_id = int(db.pragma("application_id"))
    found = schema_version(db)
    if app_id not in (0, APPLICATION_ID):
        raise DatabaseError(f"{path} 不是工会帮扶工作台的数据库文件，未打开。")
    if found > LATEST:
        raise DatabaseError(
            f"数据库文件 {path} 由更新版本的程序创建（结构版本 {found}，本程序只支持到 {LATEST}）。"
            "为避免损坏数据，本程序不会打开它；请安装新版本后再打开。"
        )
    if found == LATEST:
        return found
    if found == 0 and _has_foreign_tables(db):
        raise DatabaseError(f"{path} 不是工会帮扶工作台的数据库文件，未打开。")
    if found > 0:
        backup_before_upgrade(db, path, found)
    for version, _description, step in MIGRATIONS:
        with db.atomic("IMMEDIATE"):
            # Re-read inside the write lock: a second copy of the program may have migrated.
            if schema_version(db) >= version:
                continue
            step(db)
            db.pragma("user_version", version)
            db.pragma("application_id", APPLICATION_ID)
    return found


def _has_foreign_tables(db: peewee.SqliteDatabase) -> bool:
    rows = db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return bool(rows)


def backup_before_upgrade(db: peewee.SqliteDatabase, path: Path, version: int) -> Path:
    """A verified copy of the whole file in its backups folder, named for the version it had."""
    target = snapshot.free_name(snapshot.backup_folder(path),
                                snapshot.backup_name(path, f"upgrade-v{version}", datetime.datetime.now()))
    try:
        snapshot.verified_copy(db.connection(), target)
    except DatabaseError as exc:
        raise DatabaseError(f"升级数据库结构前必须先备份，但备份没有成功：{exc}  数据库未做任何修改。") from exc
    return target
