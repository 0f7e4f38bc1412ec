import { Module } from '@nestjs/common';
import { ProgramsModule } from '@portal/programs';
import { ApplicationsModule } from '@portal/applications';
import { StorageModule } from '@portal/storage';
import { FollowupDossier, FollowupModule } from '@portal/followup';
import { DossierController, PublicApplicationCheckController } from './dossier.controller';
import { DOSSIER_SECTIONS, DossierSection } from './dossier-section';
import { DossierService } from './dossier.service';

/**
 * The dossier (issue 13): an application's whole file as one PDF, the printable 申报书 and its public check by QR code.
 * DOSSIER_SECTIONS: followup's parts (agreement, reports, changes, evaluation, annual review), rendered after the award;
 * see dossier-section.ts for how to add them.
 */
@Module({
  imports: [ProgramsModule, ApplicationsModule, StorageModule, FollowupModule],
  controllers: [DossierController, PublicApplicationCheckController],
  providers: [
    DossierService,
    {
      provide: DOSSIER_SECTIONS,
      inject: [FollowupDossier],
      useFactory: (f: FollowupDossier): DossierSection[] => f.sections,
    },
  ],
  exports: [DossierService],
})
export class DossierModule {}
