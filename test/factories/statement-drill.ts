// A short playbook whose holding statement needs two cells (members, status page, English
// and Polish), approved by one commander or lead and published by the comms lead: small
// enough to work every cell of it in a test. The end-to-end spec imports the same text.

export const STATEMENT_DRILL = `key: statement_drill
title: Statement drill
crisisTypes: [pr_backlash]
severity:
  levels: [medium, high, critical]
review:
  owner: crisis_commander
  title: Review the drill
phases:
  - id: assess
    title: Assess
    steps:
      - id: confirm
        kind: task
        title: Confirm what members are saying
        owner: crisis_commander
  - id: communicate
    title: Communicate
    steps:
      - id: holding
        kind: statement
        title: Draft the members' holding statement
        owner: comms_lead
        purpose: holding_statement
        audiences: [members]
        channels: [public_post]
        languages: [en, pl]
        approval: approve_holding
      - id: approve_holding
        kind: approval
        title: Approve the members' holding statement
        approvers: [crisis_commander, trust_safety_lead]
        onReject: holding
      - id: publish_holding
        kind: publish
        title: Publish the members' holding statement
        statement: holding
      - id: stand_down
        kind: task
        title: Stand the team down
        owner: crisis_commander
`;
