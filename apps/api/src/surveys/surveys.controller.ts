import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  DefaultSurveyView,
  EventSurveyView,
  SurveyForm,
  SurveyResponseCreated,
  SurveyResults,
  WaitingSurvey,
} from '@wutong/shared';
import { CurrentUser, Public, Roles, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { Returns, ReturnsList } from '../openapi/returns.decorator';
import { PutSurveyDto, SurveyResponseDto } from './dto/survey.dto';
import { SurveysService } from './surveys.service';

/** Satisfaction surveys (docs/api.md, "Surveys"). */
@ApiTags('surveys')
@ApiBearerAuth()
@Controller()
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Get('surveys/default')
  @Roles('admin')
  @Returns('DefaultSurveyView')
  getDefault(): Promise<DefaultSurveyView> {
    return this.surveys.getDefault();
  }

  @Put('surveys/default')
  @Roles('admin')
  @Returns('DefaultSurveyView')
  putDefault(@CurrentUser() user: Principal, @Body() dto: PutSurveyDto): Promise<DefaultSurveyView> {
    return this.surveys.putDefault(user, dto.questions);
  }

  @Get('events/:id/survey')
  @Roles('organizer', 'admin')
  @Returns('EventSurveyView')
  getEventSurvey(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<EventSurveyView> {
    return this.surveys.getEventSurvey(user, id);
  }

  @Put('events/:id/survey')
  @Roles('organizer', 'admin')
  @Returns('EventSurveyView')
  putEventSurvey(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: PutSurveyDto,
  ): Promise<EventSurveyView> {
    return this.surveys.putEventSurvey(user, id, dto.questions);
  }

  @Get('events/:id/survey/results')
  @Roles('organizer', 'admin')
  @Returns('SurveyResults')
  results(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<SurveyResults> {
    return this.surveys.results(user, id);
  }

  /** The form for a signed-in person checked in at the event (403 FORBIDDEN otherwise). */
  @Get('events/:id/survey/form')
  @SignedIn()
  @Returns('SurveyForm')
  form(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<SurveyForm> {
    return this.surveys.formFor(user, id);
  }

  @Post('events/:id/survey/responses')
  @SignedIn()
  @Returns('SurveyResponseCreated', { status: 201 })
  answer(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: SurveyResponseDto,
  ): Promise<SurveyResponseCreated> {
    return this.surveys.answerAsUser(user, id, dto.answers);
  }

  @Get('me/surveys')
  @SignedIn()
  @ReturnsList('WaitingSurvey')
  waiting(@CurrentUser() user: Principal): Promise<WaitingSurvey[]> {
    return this.surveys.waiting(user);
  }

  /** A survey link: opens its one survey, for its one person, without signing in. */
  @Get('survey-links/:token')
  @Public()
  @Returns('SurveyForm')
  linkForm(@Param('token') token: string): Promise<SurveyForm> {
    return this.surveys.formByLink(token);
  }

  @Post('survey-links/:token')
  @Public()
  @HttpCode(201)
  @Returns('SurveyResponseCreated', { status: 201 })
  linkAnswer(@Param('token') token: string, @Body() dto: SurveyResponseDto): Promise<SurveyResponseCreated> {
    return this.surveys.answerByLink(token, dto.answers);
  }
}
