-- A meeting the lead booked (Calendly / Cal.com) is work in "Atividades" now: its activity line
-- ('meeting_scheduled', open until the meeting is held, missed or canceled) is assigned when it is
-- booked or moved, to the deal's owner, else the agent of the lead's conversation
-- (scheduling/meetings.ts). The lines booked before that have no assignee: they get the same one,
-- from the deal's owner, else from the conversation's agent. Only lines still open and unassigned
-- are touched, so a second run changes nothing. (Their 15-minute reminder is not scheduled here:
-- the ones booked from now on get it.)
update activities a
   set assigned_to = d.owner_id, updated_at = now()
  from deals d
 where a.system_event = 'meeting_scheduled'
   and a.completed_at is null
   and a.deleted_at is null
   and a.assigned_to is null
   and d.id = a.deal_id
   and d.tenant_id = a.tenant_id
   and d.owner_id is not null;

update activities a
   set assigned_to = c.assigned_to, updated_at = now()
  from meetings m
  join conversations c on c.id = m.conversation_id and c.tenant_id = m.tenant_id
 where a.system_event = 'meeting_scheduled'
   and a.completed_at is null
   and a.deleted_at is null
   and a.assigned_to is null
   and m.activity_id = a.id
   and m.tenant_id = a.tenant_id
   and m.rescheduled_to is null
   and c.assigned_to is not null;

-- No index: the agenda's open tabs and counts read the open-work partial indexes of 0020
-- (activities_tenant_assignee_due_idx, activities_tenant_due_idx: completed_at is null and
-- deleted_at is null). The system's other lines are completed when written, so they are not in
-- them, and the filter on system_event drops next to nothing (EXPLAIN on 300k rows: an index scan
-- on (tenant_id, assigned_to, due_at), 11 rows of 100 filtered). The done tab keeps to 0154's index.
