import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { ExerciseCatalogueService } from '@app/training-load';
import { Roles, SignedIn } from '../auth/access.decorators';

export class ExerciseDto {
  @ApiProperty({ example: 'Trap-bar deadlift' }) @IsString() @Length(1, 120) name!: string;
  @ApiPropertyOptional({ example: ['hex bar deadlift'] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) aliases?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() spinalLoading?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() core?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() warmUp?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() coolDown?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() mobility?: boolean;
  @ApiPropertyOptional({ description: 'A known exercise in none of the categories' }) @IsOptional() @IsBoolean() none?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 500) notes?: string;
}

export class ExercisePatchDto extends PartialType(ExerciseDto) {}

export class UnknownNamesQuery {
  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z' }) @IsOptional() @IsISO8601() since?: string;
}

/** The exercise catalogue that tags sessions (spinal-loading, core …): editable by admins. */
@ApiTags('exercises')
@ApiBearerAuth()
@Controller('api/exercises')
export class ExercisesController {
  constructor(private readonly catalogue: ExerciseCatalogueService) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'The catalogue' })
  list() {
    return this.catalogue.list();
  }

  @Get('unknown-names')
  @Roles('admin')
  @ApiOperation({ summary: 'Exercise names sessions used that the catalogue does not know (reported, never guessed)' })
  unknownNames(@Query() q: UnknownNamesQuery) {
    return this.catalogue.unknownNamesReport(new Date(q.since ?? 0));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add an exercise' })
  create(@Body() dto: ExerciseDto) {
    return this.catalogue.create(dto);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change an exercise' })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ExercisePatchDto) {
    return this.catalogue.update(id, dto);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an exercise' })
  async remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.catalogue.remove(id);
  }
}
