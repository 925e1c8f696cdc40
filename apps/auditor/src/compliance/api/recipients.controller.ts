import { BadRequestException, Controller, Get, Param, UseGuards } from '@nestjs/common';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import {
  RecipientHistoryService,
  type RegistrationVersion,
} from '../reports/recipient-history.service';

/** `GET /api/recipients/:recipientId/history`: a recipient's registrations over time. */
@Controller('api/recipients')
@UseGuards(BearerAuthGuard)
export class RecipientsController {
  constructor(private readonly recipients: RecipientHistoryService) {}

  @Get(':recipientId/history')
  history(@Param('recipientId') recipientId: string): Promise<RegistrationVersion[]> {
    if (recipientId.length > 256) throw new BadRequestException('recipientId: too long');
    return this.recipients.history(recipientId);
  }
}
