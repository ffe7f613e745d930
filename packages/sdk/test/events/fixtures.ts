/** Vendor example payloads (reference §4), as the PBX sends them: strings for numbers, spelling variants. */
export const vendorCall = {
  entry_id: 'MTI1NTI3NjE0NzQ6MTA1',
  call_id: 'MToxMDAyMzM3Mzo0MDE6NjE5MDQ5MTk2',
  timestamp: 1558422128,
  seq: '2',
  call_state: 'Disconnected',
  location: 'abonent',
  from: { number: '79001234567', taken_from_call_id: 'MToxMDAyMzM3Mzo0MDE6NjE5MDQ5MTk1' },
  to: {
    extension: 29,
    number: 'sip:user@x.mangosip.ru',
    line_number: 'sip:line@x.mangosip.ru',
    acd_group: '303',
    was_transfered: 'true',
  },
  disconnect_reason: '1131',
  dct: { number: '74001234567', type: '1' },
  callback_initiator: 'MissGroupСallCallback',
  task_id: '17',
};

export const vendorSummaryInsideTo = {
  entry_id: 'MTI1NTI3NjE0NzQ6MTA1',
  call_direction: '1',
  from: { number: '79001234567' },
  to: { extension: '29', number: 'sip:user@x.mangosip.ru', line_number: '74951234567' },
  create_time: '1558422100',
  forward_time: '1558422110',
  talk_time: '1558422115',
  end_time: '1558422200',
  entry_result: '1',
  disconnect_reason: '1110',
  dct: { type: 0 },
};
